package dev.anyclaude.plugins.openai.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden request translations: {@code golden/request/<case>.anthropic.json} (a Messages request, read as the
 * proxy reads it) must translate to {@code <case>.openai.json}, compared as JSON trees; options, when the case
 * needs any, come from {@code <case>.options.json} (the config block's shape).
 */
class RequestGoldenTest {
    private final OpenAiJson json = new OpenAiJson();

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(TestJson.golden("request"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".anthropic.json"))
                    .map(name -> name.substring(0, name.length() - ".anthropic.json".length()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void translatesAsTheGoldenFileSays(String name) {
        Path folder = TestJson.golden("request");
        MessagesRequest request = TestJson.read(folder.resolve(name + ".anthropic.json"), MessagesRequest.class);
        Path optionsFile = folder.resolve(name + ".options.json");
        TranslationOptions options = Files.exists(optionsFile)
                ? TestJson.read(optionsFile, TranslationOptions.class) : TranslationOptions.defaults();

        Translation translation = new RequestTranslator(options, json).translate(request);

        JsonNode actual = json.toTree(translation.request(), Map.of());
        JsonNode expected = TestJson.tree(TestJson.read(folder.resolve(name + ".openai.json")));
        assertThat(TestJson.canonical(actual)).isEqualTo(TestJson.canonical(expected));
    }
}
