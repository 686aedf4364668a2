package dev.anyclaude.plugins.toolcalls;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.Message;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.StreamEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one request through a {@link ToolCallsMiddleware} whose backend answers with these text chunks in one text
 * block, and keeps what the backend was sent and what the client got.
 */
final class MiddlewareRun {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    /** A call in the client's answer: the tool's name and its input. */
    record Use(String name, Map<String, Object> input) {
    }

    /** What the backend was sent, and the events the client got. */
    record Outcome(MessagesRequest upstream, List<StreamEvent> events) {
        /** The {@code tool_use} blocks the client got, in order. */
        List<Use> uses() {
            List<Use> uses = new ArrayList<>();
            String name = null;
            for (StreamEvent event : events) {
                if (event instanceof StreamEvent.ContentBlockStart s && s.contentBlock() instanceof ContentBlock.ToolUse t) {
                    name = t.name();
                } else if (event instanceof StreamEvent.ContentBlockDelta d && d.delta() instanceof Delta.InputJsonDelta j) {
                    uses.add(new Use(name, read(j.partialJson())));
                }
            }
            return uses;
        }

        /** The answer's stop reason. */
        String stopReason() {
            return events.stream().filter(StreamEvent.MessageDelta.class::isInstance)
                    .map(e -> ((StreamEvent.MessageDelta) e).delta().stopReason()).findFirst().orElseThrow();
        }
    }

    private MiddlewareRun() {
    }

    /** Runs {@code request} through the middleware made from this {@code toolCalls} block. */
    static Outcome run(Map<String, Object> block, MessagesRequest request, List<String> chunks) {
        List<MessagesRequest> upstream = new ArrayList<>();
        Middleware.Chain chain = new Middleware.Chain() {
            @Override
            public Call call() {
                return TestCall.of(request);
            }

            @Override
            public Reply proceed(Call call) {
                upstream.add(call.request());
                List<StreamEvent> in = new ArrayList<>();
                in.add(new StreamEvent.MessageStart(new Message("msg_1", "m", List.of(), null, null, null, Map.of())));
                in.add(new StreamEvent.ContentBlockStart(0, new ContentBlock.Text("")));
                chunks.forEach(chunk -> in.add(new StreamEvent.ContentBlockDelta(0, new Delta.TextDelta(chunk))));
                in.add(new StreamEvent.ContentBlockStop(0));
                in.add(new StreamEvent.MessageDelta(StreamEvent.StopInfo.of("end_turn"), null));
                in.add(new StreamEvent.MessageStop());
                return Reply.events(EventStream.of(in));
            }
        };
        List<StreamEvent> events = new ArrayList<>();
        try (Reply reply = new ToolCallsMiddleware(block, null).intercept(chain)) {
            EventStream stream = ((Reply.Events) reply).events();
            for (StreamEvent e = stream.next(); e != null; e = stream.next()) {
                events.add(e);
            }
        }
        if (upstream.size() != 1) {
            throw new AssertionError("the middleware proceeded " + upstream.size() + " times");
        }
        return new Outcome(upstream.getFirst(), events);
    }

    /** The text in chunks of {@code size} characters. */
    static List<String> chunks(String text, int size) {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < text.length(); i += size) {
            chunks.add(text.substring(i, Math.min(text.length(), i + size)));
        }
        return chunks;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (Exception e) {
            throw new AssertionError("input is not JSON: " + json, e);
        }
    }
}
