package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.model.Content;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.InputMessage;
import dev.anyclaude.api.model.Message;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.model.Tool;
import dev.anyclaude.plugins.toolcalls.request.ToolPromptRewriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the request side says a call looks like (a {@code tool_use} of the history, rendered as text) is read back
 * by the response side into the same call, for every format whose response parser has landed.
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

    @ParameterizedTest
    @ValueSource(strings = {"hermes", "qwen3-coder"}) // add each format here when its response parser lands
    void everyRenderedCallIsParsedBackIntoTheSameCall(String format) {
        ToolPromptRewriter rewriter = ToolPromptRewriter.forFormat(format);
        for (ContentBlock.ToolUse call : CALLS) {
            assertThat(parse(rendered(rewriter, List.of(call)))).as(format + " " + call).containsExactly(call.name()
                    + " " + ToolCallParser.toJson(call.input()));
        }
        List<String> all = CALLS.stream().map(c -> c.name() + " " + ToolCallParser.toJson(c.input())).toList();
        assertThat(parse(rendered(rewriter, CALLS))).as(format + " all in one turn").isEqualTo(all);
    }

    /** The text the rewriter puts in the assistant turn that made these calls. */
    private static String rendered(ToolPromptRewriter rewriter, List<ContentBlock.ToolUse> calls) {
        List<ContentBlock> blocks = new ArrayList<>(calls);
        MessagesRequest request = new MessagesRequest("m", 100, List.of(
                new InputMessage("user", Content.of("go")), new InputMessage("assistant", new Content(blocks))),
                null, null, null, null, null, true, List.copyOf(TOOLS.values()), null, null, null, null, null, null,
                Map.of());
        return rewriter.rewrite(request).messages().get(1).content().text();
    }

    /** The calls the response side reads from this text, as {@code name input-json}, streamed in 7-char chunks. */
    private static List<String> parse(String text) {
        List<StreamEvent> in = new ArrayList<>();
        in.add(new StreamEvent.MessageStart(new Message("msg_1", "m", List.of(), null, null, null, Map.of())));
        in.add(new StreamEvent.ContentBlockStart(0, new ContentBlock.Text("")));
        for (int i = 0; i < text.length(); i += 7) {
            in.add(new StreamEvent.ContentBlockDelta(0, new Delta.TextDelta(text.substring(i, Math.min(text.length(), i + 7)))));
        }
        in.add(new StreamEvent.ContentBlockStop(0));
        in.add(new StreamEvent.MessageDelta(StreamEvent.StopInfo.of("end_turn"), null));
        in.add(new StreamEvent.MessageStop());
        EventStream stream = new ToolCallStream(EventStream.of(in), new ToolCallParser(TOOLS));
        List<String> calls = new ArrayList<>();
        String name = null;
        for (StreamEvent e = stream.next(); e != null; e = stream.next()) {
            if (e instanceof StreamEvent.ContentBlockStart s && s.contentBlock() instanceof ContentBlock.ToolUse t) {
                name = t.name();
            } else if (e instanceof StreamEvent.ContentBlockDelta d && d.delta() instanceof Delta.InputJsonDelta j) {
                calls.add(name + " " + j.partialJson());
            } else if (e instanceof StreamEvent.ContentBlockDelta d && d.delta() instanceof Delta.TextDelta t
                    && !t.text().isBlank()) {
                calls.add("text " + t.text());
            }
        }
        return calls;
    }
}
