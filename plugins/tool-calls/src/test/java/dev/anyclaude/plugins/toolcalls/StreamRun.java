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
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs text chunks through a {@link ToolCallStream} and renders the result as comparable lines. */
final class StreamRun {
    static final Map<String, Tool> TOOLS = tools();

    private final ToolCallSettings settings;
    private final String stopReason;

    private StreamRun(ToolCallSettings settings, String stopReason) {
        this.settings = settings;
        this.stopReason = stopReason;
    }

    /** Auto mode, every format, the model stopped on its own. */
    static StreamRun auto() {
        return new StreamRun(ToolCallSettings.AUTO, "end_turn");
    }

    static StreamRun with(ToolCallSettings settings, String stopReason) {
        return new StreamRun(settings, stopReason);
    }

    private static Map<String, Tool> tools() {
        Map<String, Tool> tools = new LinkedHashMap<>();
        tools.put("Read", Tool.of("Read", "reads", Map.of("type", "object",
                "properties", Map.of("file_path", Map.of("type", "string"), "limit", Map.of("type", "integer")),
                "required", List.of("file_path"))));
        tools.put("Bash", Tool.of("Bash", "runs", Map.of("type", "object",
                "properties", Map.of("command", Map.of("type", "string"), "background", Map.of("type", "boolean")),
                "required", List.of("command"))));
        tools.put("get_weather", Tool.of("get_weather", "weather", Map.of("type", "object",
                "properties", Map.of("city", Map.of("type", "string"), "days", Map.of("type", "number")),
                "required", List.of("city"))));
        return tools;
    }

    /** The raw output events for these text chunks in one text block. */
    List<StreamEvent> events(List<String> chunks) {
        List<StreamEvent> in = new ArrayList<>();
        in.add(new StreamEvent.MessageStart(new Message("msg_1", "m", List.of(), null, null, null, Map.of())));
        in.add(new StreamEvent.ContentBlockStart(0, new ContentBlock.Text("")));
        for (String chunk : chunks) {
            in.add(new StreamEvent.ContentBlockDelta(0, new Delta.TextDelta(chunk)));
        }
        in.add(new StreamEvent.ContentBlockStop(0));
        in.add(new StreamEvent.MessageDelta(StreamEvent.StopInfo.of(stopReason), null));
        in.add(new StreamEvent.MessageStop());
        EventStream stream = new ToolCallStream(EventStream.of(in), new ToolCallParser(TOOLS),
                Formats.forSettings(settings), settings.mode());
        List<StreamEvent> out = new ArrayList<>();
        for (StreamEvent e = stream.next(); e != null; e = stream.next()) {
            out.add(e);
        }
        return out;
    }

    /** The text passed on while the chunks were still arriving, before the text block ended. */
    String textBeforeEnd(List<String> chunks) {
        List<StreamEvent> in = new ArrayList<>();
        in.add(new StreamEvent.MessageStart(new Message("msg_1", "m", List.of(), null, null, null, Map.of())));
        in.add(new StreamEvent.ContentBlockStart(0, new ContentBlock.Text("")));
        chunks.forEach(chunk -> in.add(new StreamEvent.ContentBlockDelta(0, new Delta.TextDelta(chunk))));
        java.util.Iterator<StreamEvent> source = in.iterator();
        boolean[] over = {false};
        EventStream upstream = new EventStream() {
            @Override
            public StreamEvent next() {
                over[0] = !source.hasNext();
                return over[0] ? null : source.next();
            }

            @Override
            public void close() {
            }
        };
        EventStream stream = new ToolCallStream(upstream, new ToolCallParser(TOOLS), Formats.forSettings(settings),
                settings.mode());
        StringBuilder text = new StringBuilder();
        for (StreamEvent e = stream.next(); e != null && !over[0]; e = stream.next()) {
            if (e instanceof StreamEvent.ContentBlockDelta d && d.delta() instanceof Delta.TextDelta t) {
                text.append(t.text());
            }
        }
        return text.toString();
    }

    /** Rendered: deltas of a block merged, tool ids checked and hidden; one line per block plus the stop reason. */
    List<String> render(List<String> chunks) {
        List<StreamEvent> events = events(chunks);
        EventSequence.check(events);
        List<String> lines = new ArrayList<>();
        StringBuilder text = null;
        String kind = null;
        for (StreamEvent event : events) {
            switch (event) {
                case StreamEvent.ContentBlockStart s when s.contentBlock() instanceof ContentBlock.ToolUse t -> {
                    if (!t.id().matches("toolu_[A-Za-z0-9]{24}")) {
                        throw new AssertionError("bad id " + t.id());
                    }
                    lines.add(s.index() + " tool " + t.name());
                }
                case StreamEvent.ContentBlockStart s -> {
                    text = new StringBuilder();
                    kind = s.contentBlock() instanceof ContentBlock.Thinking ? " thinking " : " text ";
                }
                case StreamEvent.ContentBlockDelta d when d.delta() instanceof Delta.TextDelta t -> text.append(t.text());
                case StreamEvent.ContentBlockDelta d when d.delta() instanceof Delta.ThinkingDelta t ->
                        text.append(t.thinking());
                case StreamEvent.ContentBlockDelta d when d.delta() instanceof Delta.InputJsonDelta j ->
                        lines.add(d.index() + " input " + j.partialJson());
                case StreamEvent.ContentBlockStop s -> {
                    if (text != null) {
                        lines.add(s.index() + kind + text);
                        text = null;
                    }
                }
                case StreamEvent.MessageDelta m -> lines.add("stop " + m.delta().stopReason());
                default -> { }
            }
        }
        return lines;
    }

    /**
     * Renders the text whole, and asserts the same result for every two-way split, one char a chunk, and a few
     * random multi-way splits (seeded, so a failure repeats).
     */
    List<String> renderEverySplit(String text) {
        List<String> whole = render(List.of(text));
        for (int i = 1; i < text.length(); i++) {
            assertThat(render(List.of(text.substring(0, i), text.substring(i)))).as("split at %d", i).isEqualTo(whole);
        }
        List<String> chars = new ArrayList<>();
        text.codePoints().forEach(c -> chars.add(Character.toString(c)));
        assertThat(render(chars)).as("one char a chunk").isEqualTo(whole);
        assertRandomSplitsGive(text, whole, 20);
        return whole;
    }

    /** Asserts that random multi-way splits (seeded from the text) render as {@code whole}. */
    void assertRandomSplitsGive(String text, List<String> whole, int rounds) {
        Random random = new Random(text.hashCode());
        for (int round = 0; round < rounds; round++) {
            List<String> chunks = new ArrayList<>();
            int at = 0;
            while (at < text.length()) {
                int next = Math.min(text.length(), at + 1 + random.nextInt(7));
                chunks.add(text.substring(at, next));
                at = next;
            }
            assertThat(render(chunks)).as("random split %s", chunks).isEqualTo(whole);
        }
    }
}
