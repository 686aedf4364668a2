package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.Message;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.model.Tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs text chunks through a {@link ToolCallStream} and renders the result as comparable lines. */
final class StreamRun {
    static final Map<String, Tool> TOOLS = tools();

    private StreamRun() {
    }

    private static Map<String, Tool> tools() {
        Map<String, Tool> tools = new LinkedHashMap<>();
        tools.put("Read", Tool.of("Read", "reads", Map.of("type", "object",
                "properties", Map.of("file_path", Map.of("type", "string"), "limit", Map.of("type", "integer")),
                "required", List.of("file_path"))));
        tools.put("Bash", Tool.of("Bash", "runs", Map.of("type", "object",
                "properties", Map.of("command", Map.of("type", "string"), "background", Map.of("type", "boolean")),
                "required", List.of("command"))));
        return tools;
    }

    /** The raw output events for these text chunks in one text block. */
    static List<StreamEvent> events(List<String> chunks) {
        List<StreamEvent> in = new ArrayList<>();
        in.add(new StreamEvent.MessageStart(new Message("msg_1", "m", List.of(), null, null, null, Map.of())));
        in.add(new StreamEvent.ContentBlockStart(0, new ContentBlock.Text("")));
        for (String chunk : chunks) {
            in.add(new StreamEvent.ContentBlockDelta(0, new Delta.TextDelta(chunk)));
        }
        in.add(new StreamEvent.ContentBlockStop(0));
        in.add(new StreamEvent.MessageDelta(StreamEvent.StopInfo.of("end_turn"), null));
        in.add(new StreamEvent.MessageStop());
        EventStream stream = new ToolCallStream(EventStream.of(in), new ToolCallParser(TOOLS));
        List<StreamEvent> out = new ArrayList<>();
        for (StreamEvent e = stream.next(); e != null; e = stream.next()) {
            out.add(e);
        }
        return out;
    }

    /** Rendered: text deltas of a block merged, tool ids hidden; one line per block plus the stop reason. */
    static List<String> render(List<String> chunks) {
        List<StreamEvent> events = events(chunks);
        EventSequence.check(events);
        List<String> lines = new ArrayList<>();
        StringBuilder[] text = {null};
        for (StreamEvent event : events) {
            switch (event) {
                case StreamEvent.ContentBlockStart s when s.contentBlock() instanceof ContentBlock.Text ->
                        text[0] = new StringBuilder();
                case StreamEvent.ContentBlockStart s when s.contentBlock() instanceof ContentBlock.ToolUse t -> {
                    if (!t.id().matches("toolu_[A-Za-z0-9]{24}")) {
                        throw new AssertionError("bad id " + t.id());
                    }
                    lines.add(s.index() + " tool " + t.name());
                }
                case StreamEvent.ContentBlockDelta d when d.delta() instanceof Delta.TextDelta t -> text[0].append(t.text());
                case StreamEvent.ContentBlockDelta d when d.delta() instanceof Delta.InputJsonDelta j ->
                        lines.add(d.index() + " input " + j.partialJson());
                case StreamEvent.ContentBlockStop s when text[0] != null -> {
                    lines.add(s.index() + " text " + text[0]);
                    text[0] = null;
                }
                case StreamEvent.MessageDelta m -> lines.add("stop " + m.delta().stopReason());
                default -> { }
            }
        }
        return lines;
    }
}
