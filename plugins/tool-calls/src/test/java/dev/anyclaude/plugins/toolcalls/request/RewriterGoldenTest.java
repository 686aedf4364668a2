package dev.anyclaude.plugins.toolcalls.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.anyclaude.api.model.MessagesRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One conversation with tools, a parallel call, an error result and Claude Code's system blocks and system turn,
 * rewritten for every format and compared with the upstream request in {@code request/<format>.json}. Run with
 * {@code -Danyclaude.golden.update=true} to rewrite the golden files after an intended change (then read the
 * diff).
 */
class RewriterGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static List<String> formats() {
        return ToolPromptRewriter.formats();
    }

    @ParameterizedTest
    @MethodSource("formats")
    void conversationIsRewrittenExactlyAsTheGoldenFileSays(String format) throws IOException {
        MessagesRequest rewritten = ToolPromptRewriter.forFormat(format).rewrite(conversation());
        String actual = JSON.writeValueAsString(rewritten) + "\n";
        Path golden = Path.of("src/test/resources/request", format + ".json");
        if (Boolean.getBoolean("anyclaude.golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(resource(format + ".json"));
    }

    @Test
    void everyGoldenFileHasNoToolsAndKeepsTheClientsSystemBlocksFirst() throws IOException {
        for (String format : formats()) {
            var tree = JSON.readTree(resource(format + ".json"));
            assertThat(tree.has("tools")).as(format).isFalse();
            assertThat(tree.has("tool_choice")).as(format).isFalse();
            assertThat(tree.path("system").get(1).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
            assertThat(tree.path("system").get(2).path("text").asText()).as(format).contains("Read", "Bash")
                    .doesNotContain("web_search");
            assertThat(tree.path("messages").get(1).path("role").asText()).isEqualTo("system");
            assertThat(tree.toString()).as(format).doesNotContain("\"tool_use\"", "\"tool_result\"");
        }
    }

    static MessagesRequest conversation() {
        try {
            return JSON.readValue(resource("conversation.json"), MessagesRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = RewriterGoldenTest.class.getResourceAsStream("/request/" + name)) {
            assertThat(in).as("resource /request/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
