package dev.anyclaude.plugins.openai.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.plugins.openai.wire.ChatChunk;
import dev.anyclaude.plugins.openai.wire.ChatUsage;
import dev.anyclaude.plugins.openai.wire.ToolCallDelta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: however a server cuts one logical answer into chunks (random piece sizes, every tool-call style seen
 * in the wild, interleaved parallel calls, repeated roles, empty deltas, with or without usage and
 * {@code [DONE]}), the events are well-formed and carry the same content. A stream cut short ends in an error,
 * still well-formed.
 */
class RandomChunkingTest {
    private static final int RUNS = 1_000;
    private static final String[] WORDS = {"alpha", "beta", "gamma", " ", "delta", "\n", "é", "日本", "\"q\"", "\\", "{", "}"};

    private enum Style { STANDARD, INTERLEAVED, LITELLM, WHOLE, OLLAMA_INDEX_0, NO_INDEX }

    private record Call(String id, String name, Map<String, Object> input) {
    }

    @Test
    void anyChunkingOfOneAnswerGivesTheSameWellFormedEvents() {
        for (int seed = 0; seed < RUNS; seed++) {
            Random random = new Random(seed);
            String reasoning = random.nextInt(3) == 0 ? "" : text(random);
            String text = random.nextInt(4) == 0 ? "" : text(random);
            List<Call> calls = calls(random);
            Style style = Style.values()[random.nextInt(Style.values().length)];
            List<ChatChunk> chunks = chunks(random, reasoning, text, calls, style);

            StreamTranslator translator = SseReplay.translator(seed);
            List<StreamEvent> events = new ArrayList<>();
            chunks.forEach(chunk -> events.addAll(translator.onChunk(chunk)));
            events.addAll(random.nextBoolean() ? translator.onDone() : translator.onEnd());

            List<Map<String, Object>> blocks = EventSequenceCheck.assertWellFormed(events);
            assertThat(blocks).as("seed %d, style %s", seed, style).isEqualTo(expected(reasoning, text, calls));
            assertThat(events.getLast()).isInstanceOf(StreamEvent.MessageStop.class);
            StreamEvent.MessageDelta delta = (StreamEvent.MessageDelta) events.get(events.size() - 2);
            assertThat(delta.delta().stopReason()).as("seed %d", seed).isEqualTo(calls.isEmpty() ? "end_turn" : "tool_use");
        }
    }

    @Test
    void aStreamCutAnywhereEndsWithAnErrorAndStaysWellFormed() {
        for (int seed = 0; seed < RUNS; seed++) {
            Random random = new Random(seed);
            List<ChatChunk> chunks = chunks(random, text(random), text(random), calls(random),
                    Style.values()[random.nextInt(Style.values().length)]);
            int finish = 0;
            while (chunks.get(finish).choices().isEmpty() || chunks.get(finish).choices().getFirst().finishReason() == null) {
                finish++;
            }
            int cut = 1 + random.nextInt(finish);

            StreamTranslator translator = SseReplay.translator(seed);
            List<StreamEvent> events = new ArrayList<>();
            chunks.subList(0, cut).forEach(chunk -> events.addAll(translator.onChunk(chunk)));
            events.addAll(translator.onEnd());

            EventSequenceCheck.assertWellFormed(events);
            assertThat(events.getLast()).as("seed %d", seed).isInstanceOf(StreamEvent.Error.class);
            assertThat(events).noneMatch(StreamEvent.MessageStop.class::isInstance);
        }
    }

    private static List<Map<String, Object>> expected(String reasoning, String text, List<Call> calls) {
        List<Map<String, Object>> blocks = new ArrayList<>();
        if (!reasoning.isBlank()) {
            blocks.add(block("thinking", "text", reasoning.stripLeading().isEmpty() ? "" : stripNewlines(reasoning)));
        }
        if (!text.isBlank()) {
            blocks.add(block("text", "text", stripNewlines(text)));
        }
        for (Call call : calls) {
            Map<String, Object> block = block("tool_use", "id", call.id());
            block.put("name", call.name());
            block.put("input", call.input());
            blocks.add(block);
        }
        return blocks;
    }

    private static String stripNewlines(String text) {
        int start = 0;
        while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
            start++;
        }
        return text.substring(start);
    }

    private static Map<String, Object> block(String type, String key, Object value) {
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("type", type);
        block.put(key, value);
        return block;
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int words = 1 + random.nextInt(12);
        for (int i = 0; i < words; i++) {
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    private static List<Call> calls(Random random) {
        List<Call> calls = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            Map<String, Object> input = new LinkedHashMap<>();
            int keys = random.nextInt(3);
            for (int k = 0; k < keys; k++) {
                input.put("k" + k, random.nextBoolean() ? text(random) : List.of(random.nextInt(100), 1.5e3, true));
            }
            String name = random.nextInt(5) == 0 ? SseReplay.LONG_NAME : random.nextBoolean() ? "Read" : "Bash";
            calls.add(new Call("call_" + i + "_" + random.nextInt(1000), name, input));
        }
        return calls;
    }

    /** The answer as a server in this style would stream it. */
    private static List<ChatChunk> chunks(Random random, String reasoning, String text, List<Call> calls, Style style) {
        List<ChatChunk.Delta> deltas = new ArrayList<>();
        for (String piece : pieces(random, reasoning)) {
            deltas.add(delta(random, null, piece, List.of()));
        }
        for (String piece : pieces(random, text)) {
            deltas.add(delta(random, piece, null, List.of()));
        }
        deltas.addAll(toolDeltas(random, calls, style));
        List<ChatChunk> chunks = new ArrayList<>();
        for (ChatChunk.Delta delta : deltas) {
            chunks.add(chunk(delta, null, null));
            if (random.nextInt(6) == 0) {
                chunks.add(chunk(delta(random, "", null, List.of()), null, null));
            }
        }
        boolean stop = calls.isEmpty() || random.nextBoolean();
        chunks.add(chunk(delta(random, null, null, List.of()), stop ? "stop" : "tool_calls", null));
        if (style == Style.LITELLM && !calls.isEmpty()) {
            Call last = calls.getLast();
            chunks.add(chunk(delta(random, null, null, List.of(fragment(calls.size() - 1, last.id(),
                    upstream(last.name()), json(last.input())))), null, null));
        }
        if (random.nextBoolean()) {
            chunks.add(new ChatChunk("c", "chat.completion.chunk", "m", List.of(),
                    new ChatUsage(100, 10, 110, null, null), null));
        }
        return chunks;
    }

    private static List<ChatChunk.Delta> toolDeltas(Random random, List<Call> calls, Style style) {
        List<List<ToolCallDelta>> perCall = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            String name = upstream(call.name());
            String args = json(call.input());
            List<ToolCallDelta> fragments = new ArrayList<>();
            switch (style) {
                case WHOLE -> fragments.add(fragment(i, call.id(), name, args));
                case OLLAMA_INDEX_0 -> fragments.add(fragment(0, call.id(), name, args));
                default -> {
                    Integer index = style == Style.NO_INDEX ? null : i;
                    fragments.add(fragment(index, call.id(), name, random.nextBoolean() ? "" : null));
                    for (String piece : pieces(random, args)) {
                        fragments.add(fragment(index, style == Style.LITELLM ? call.id() : null, null, piece));
                    }
                }
            }
            perCall.add(fragments);
        }
        List<ToolCallDelta> order = new ArrayList<>();
        if (style == Style.INTERLEAVED) {
            // First fragments in call order (that order decides the blocks), the rest shuffled across calls.
            List<Integer> cursor = new ArrayList<>();
            for (List<ToolCallDelta> fragments : perCall) {
                order.add(fragments.getFirst());
                cursor.add(1);
            }
            while (true) {
                List<Integer> open = new ArrayList<>();
                for (int i = 0; i < perCall.size(); i++) {
                    if (cursor.get(i) < perCall.get(i).size()) {
                        open.add(i);
                    }
                }
                if (open.isEmpty()) {
                    break;
                }
                int i = open.get(random.nextInt(open.size()));
                order.add(perCall.get(i).get(cursor.get(i)));
                cursor.set(i, cursor.get(i) + 1);
            }
        } else {
            perCall.forEach(order::addAll);
        }
        List<ChatChunk.Delta> deltas = new ArrayList<>();
        for (int i = 0; i < order.size(); ) {
            int take = style == Style.NO_INDEX ? 1 : 1 + random.nextInt(2);
            deltas.add(delta(random, null, null, order.subList(i, Math.min(order.size(), i + take))));
            i += take;
        }
        return deltas;
    }

    private static String upstream(String name) {
        return SseReplay.NAMES.upstream(name);
    }

    private static List<String> pieces(Random random, String text) {
        List<String> pieces = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int length = 1 + random.nextInt(Math.max(1, Math.min(8, text.length() - at)));
            pieces.add(text.substring(at, at + length));
            at += length;
        }
        return pieces;
    }

    private static ChatChunk.Delta delta(Random random, String content, String reasoning, List<ToolCallDelta> calls) {
        String role = random.nextInt(3) == 0 ? "assistant" : null;
        boolean otherName = random.nextBoolean();
        return new ChatChunk.Delta(role, content, otherName ? reasoning : null, otherName ? null : reasoning, null,
                List.copyOf(calls));
    }

    private static ToolCallDelta fragment(Integer index, String id, String name, String arguments) {
        return new ToolCallDelta(index, id, id == null ? null : "function",
                name == null && arguments == null ? null : new ToolCallDelta.Function(name, arguments));
    }

    private static ChatChunk chunk(ChatChunk.Delta delta, String finish, ChatUsage usage) {
        return new ChatChunk("c", "chat.completion.chunk", "m", List.of(new ChatChunk.Choice(0, delta, finish)),
                usage, null);
    }

    private static String json(Map<String, Object> input) {
        return TestJson.write(input);
    }
}
