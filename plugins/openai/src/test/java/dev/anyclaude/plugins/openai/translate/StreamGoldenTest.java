package dev.anyclaude.plugins.openai.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.api.model.StreamEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden stream translations: the OpenAI SSE body {@code golden/stream/<case>.sse} must become exactly the
 * Anthropic SSE text {@code <case>.expected.sse} (ids from a seeded {@link IdSource}, so they are stable).
 * Every answer must also be well-formed ({@link EventSequenceCheck}).
 *
 * <p>{@code -Dgolden.update=true} writes the expected files from the current output, for review before commit.
 */
class StreamGoldenTest {
    private static final Path SOURCE = Path.of("src/test/resources/golden/stream");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(TestJson.golden("stream"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".sse") && !name.endsWith(".expected.sse"))
                    .map(name -> name.substring(0, name.length() - ".sse".length()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void translatesAsTheGoldenFileSays(String name) throws IOException {
        Path folder = TestJson.golden("stream");
        List<StreamEvent> events = SseReplay.replay(TestJson.read(folder.resolve(name + ".sse")),
                SseReplay.translator(42));
        String actual = TestJson.sse(events);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(SOURCE.resolve(name + ".expected.sse"), actual, StandardCharsets.UTF_8);
        }
        EventSequenceCheck.assertWellFormed(events);
        assertThat(actual).isEqualTo(TestJson.read(folder.resolve(name + ".expected.sse")));
    }
}
