package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.Call;
import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.Content;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.InputMessage;
import dev.anyclaude.api.model.Message;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.model.Tool;
import dev.anyclaude.api.relay.RelayStage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One answer through {@link ToolCallsMiddleware#intercept} (the pull path) and through the stage its
 * {@link ToolCallsMiddleware#onRelay} gives (the fast path), for comparing the two.
 */
final class BothPaths {
    static final MessagesRequest WITH_TOOLS = request(List.copyOf(StreamRun.TOOLS.values()));
    static final MessagesRequest WITHOUT_TOOLS = request(null);

    private BothPaths() {
    }

    /** What intercept passed on and what the client got from it. */
    record Intercepted(Call upstream, List<StreamEvent> events) {
    }

    static MessagesRequest request(List<Tool> tools) {
        return new MessagesRequest("m", 100, List.of(new InputMessage("user", Content.of("list"))), null, null, null,
                null, null, true, tools, null, null, null, null, null, null, Map.of());
    }

    /**
     * An answer with these text chunks in one text block, a thinking block before it and ending with this stop
     * reason; {@code complete} false cuts it off after the last chunk (no block stop, no message_stop).
     */
    static List<StreamEvent> answer(List<String> chunks, String stopReason, boolean complete) {
        List<StreamEvent> in = new ArrayList<>();
        in.add(new StreamEvent.MessageStart(new Message("msg_1", "m", List.of(), null, null, null, Map.of())));
        in.add(new StreamEvent.ContentBlockStart(0, new ContentBlock.Thinking("", "", Map.of())));
        in.add(new StreamEvent.ContentBlockDelta(0, new Delta.ThinkingDelta("Hm.")));
        in.add(new StreamEvent.ContentBlockStop(0));
        in.add(new StreamEvent.ContentBlockStart(1, new ContentBlock.Text("")));
        chunks.forEach(chunk -> in.add(new StreamEvent.ContentBlockDelta(1, new Delta.TextDelta(chunk))));
        if (complete) {
            in.add(new StreamEvent.ContentBlockStop(1));
            in.add(new StreamEvent.MessageDelta(StreamEvent.StopInfo.of(stopReason), null));
            in.add(new StreamEvent.MessageStop());
        }
        return in;
    }

    static Intercepted intercepted(ToolCallsMiddleware middleware, Object setting, Call call, List<StreamEvent> in) {
        List<Call> upstream = new ArrayList<>();
        Middleware.Chain chain = new Middleware.Chain() {
            @Override
            public Call call() {
                return call;
            }

            @Override
            public Reply proceed(Call next) {
                upstream.add(next);
                return Reply.events(EventStream.of(in));
            }

            @Override
            public Object backendSetting() {
                return setting;
            }
        };
        List<StreamEvent> out = new ArrayList<>();
        try (Reply reply = middleware.intercept(chain)) {
            EventStream events = ((Reply.Events) reply).events();
            for (StreamEvent e = events.next(); e != null; e = events.next()) {
                out.add(e);
            }
        }
        return new Intercepted(upstream.getFirst(), out);
    }

    /** The events the stage passes on, fed {@code in} one at a time and then the end. */
    static List<StreamEvent> staged(RelayStage stage, List<StreamEvent> in) {
        List<StreamEvent> out = new ArrayList<>();
        in.forEach(event -> out.addAll(stage.onEvent(event)));
        out.addAll(stage.onEnd());
        return out;
    }

    static RelayStage stage(ToolCallsMiddleware middleware, Object setting, Call call) {
        return middleware.onRelay(call, setting).orElseThrow(() -> new AssertionError("no stage for " + setting));
    }

    /** The events with every tool_use id made the same, since ids are random. */
    static List<StreamEvent> withoutIds(List<StreamEvent> events) {
        return events.stream().map(event -> event instanceof StreamEvent.ContentBlockStart s
                && s.contentBlock() instanceof ContentBlock.ToolUse t
                ? new StreamEvent.ContentBlockStart(s.index(), new ContentBlock.ToolUse("toolu_x", t.name(), t.input(),
                t.extra()))
                : event).toList();
    }
}
