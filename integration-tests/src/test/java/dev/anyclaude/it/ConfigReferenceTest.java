package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code docs/configuration-reference.md} is what {@link ConfigReference} makes of the schema, never stale. */
class ConfigReferenceTest {
    private static final Path DOCS = Path.of(System.getProperty("anyclaude.test.classes")).resolve("docs");

    @Test
    void referencePageMatchesTheSchema() throws Exception {
        String rendered = ConfigReference.render(DOCS.resolve("anyclauderc.schema.json"));
        Path page = DOCS.resolve("configuration-reference.md");
        if (Boolean.getBoolean("anyclaude.docs.write")) {
            Files.writeString(page, rendered);
        }
        assertThat(page).as("docs/configuration-reference.md is stale: regenerate it (the command is at its top)")
                .exists();
        assertThat(Files.readString(page)).as("docs/configuration-reference.md is stale: regenerate it (the command "
                + "is at its top)").isEqualTo(rendered);
    }

    @Test
    void referenceNamesEveryBackendKeyOfTheSchema() throws Exception {
        String rendered = ConfigReference.render(DOCS.resolve("anyclauderc.schema.json"));
        assertThat(rendered).contains("`server.port`").contains("`backends.<name>.price.inputPerMTok`")
                .contains("`backends.<name>.translation.images`").contains("`router.longContext.threshold`")
                .contains("### backends with `\"type\": \"openai\"`");
    }
}
