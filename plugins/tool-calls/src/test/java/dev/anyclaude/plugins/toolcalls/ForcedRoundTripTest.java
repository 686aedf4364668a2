package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.model.Content;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.InputMessage;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.Tool;
import dev.anyclaude.plugins.toolcalls.request.ToolPromptRewriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the request side says a call looks like (a {@code tool_use} of the history, rendered as text) is read back
 * by the response side into the same call, for every format.
 */
class ForcedRoundTripTest {
    private static final Map<String, Tool> TOOLS = new LinkedHashMap<>();

    static {
        TOOLS.put("Write", Tool.of("Write", "Writes a file", Map.of("type", "object", "properties", Map.of(
                "file_path", Map.of("type", "string"), "content", Map.of("type", "string")),
                "required", List.of("file_path", "content"))));
        TOOLS.put("Bash", Tool.of("Bash", "Runs a command", Map.of("type", "object", "properties", Map.of(
                "command", Map.of("type", "string"), "timeout", Map.of("type", "integer"),
                "run_in_background", Map.of("type", "boolean")), "required", List.of("command"))));
        TOOLS.put("Edit", Tool.of("Edit", "Edits a file", Map.of("type", "object", "properties", Map.of(
                "file_path", Map.of("type", "string"), "old_string", Map.of("type", "string"),
                "new_string", Map.of("type", "string"), "replace_all", Map.of("type", "boolean")),
                "required", List.of("file_path", "old_string", "new_string"))));
    }

    private static final List<ContentBlock.ToolUse> CALLS = List.of(
            use("Write", Map.of("file_path", "/tmp/a b/hello.txt",
                    "content", "line one\n  indented \"quoted\" <b>tag</b> & {json: 1}\n\nlast line\n")),
            use("Bash", ordered("command", "git add hello.txt && git commit -m 'add hello'", "timeout", 60000L,
                    "run_in_background", false)),
            use("Edit", ordered("file_path", "/tmp/hello.txt", "old_string", "one", "new_string", "1",
                    "replace_all", true)),
            use("Bash", Map.of("command", "  leading and trailing spaces  ")),
            use("Write", ordered("file_path", "/tmp/empty.txt", "content", "")));

    private static ContentBlock.ToolUse use(String name, Map<String, Object> input) {
        return new ContentBlock.ToolUse("toolu_" + name, name, input, Map.of());
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** Each row: the config's format and a model name (which picks the newer Mistral form for Devstral). */
    @ParameterizedTest
    @CsvSource({"hermes, qwen3", "qwen3-coder, qwen3-coder-30b", "mistral, mistral-nemo",
            "mistral, devstral-small-2507", "llama, llama3.1", "deepseek, deepseek-v3", "glm, glm-4.6", "kimi, kimi-k2",
            "harmony, gpt-oss-20b", "json, phi-4"})
    void everyRenderedCallIsParsedBackIntoTheSameCall(String format, String model) {
        for (ContentBlock.ToolUse call : CALLS) {
            assertThat(parsed(format, model, rendered(format, model, List.of(call)))).as(format + " " + call)
                    .containsExactly(use(call));
        }
        assertThat(parsed(format, model, rendered(format, model, CALLS))).as(format + " all in one turn")
                .isEqualTo(CALLS.stream().map(ForcedRoundTripTest::use).toList());
    }

    private static MiddlewareRun.Use use(ContentBlock.ToolUse call) {
        return new MiddlewareRun.Use(call.name(), call.input());
    }

    private static MessagesRequest request(String model, List<InputMessage> messages) {
        return new MessagesRequest(model, 100, messages, null, null, null, null, null, true, List.copyOf(TOOLS.values()),
                null, null, null, null, null, null, Map.of());
    }

    /** The text the request side writes in the assistant turn that made these calls. */
    private static String rendered(String format, String model, List<ContentBlock.ToolUse> calls) {
        MessagesRequest history = request(model, List.of(new InputMessage("user", Content.of("go")),
                new InputMessage("assistant", new Content(new ArrayList<>(calls)))));
        return ToolPromptRewriter.forFormat(format).rewrite(history).messages().get(1).content().text();
    }

    /** The calls the response side reads from this text in force mode, streamed in 7-character chunks. */
    private static List<MiddlewareRun.Use> parsed(String format, String model, String text) {
        return MiddlewareRun.run(Map.of("mode", "force", "format", format),
                request(model, List.of(new InputMessage("user", Content.of("go")))), MiddlewareRun.chunks(text, 7)).uses();
    }
}
