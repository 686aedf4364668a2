package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.Call;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.relay.RelayStage;
import dev.anyclaude.plugins.toolcalls.request.ToolPromptRewriter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code toolCalls} middleware on the fast path: the same request rewrite (force mode) and the same
 * {@link ToolCallRepair} as {@link ToolCallsMiddleware#intercept}, applied to a translated answer's events as they
 * arrive. Nothing here blocks. Not thread-safe: one stage serves one answer.
 */
final class ToolCallStage implements RelayStage, Consumer<StreamEvent> {
    /** Off, or nothing to repair without a rewrite: every event passes as it is. */
    static final RelayStage PASS_THROUGH = new ToolCallStage(null, null, null, ToolCallSettings.Mode.OFF);
    /** How a stage with nothing to repair sees an answer relayed unchanged: it leaves it alone. */
    private static final RawWatch UNTOUCHED = new RawWatch() {
        @Override
        public void head(int status, java.net.http.HttpHeaders headers) {
        }

        @Override
        public void body(java.nio.ByteBuffer bytes) {
        }

        @Override
        public void end() {
        }
    };

    private final ToolPromptRewriter rewriter;
    private final ToolCallRepair repair;
    /** What the event being handled gave: the first event alone (the usual case), then a list when more came. */
    private StreamEvent first;
    private List<StreamEvent> more;

    private ToolCallStage(ToolPromptRewriter rewriter, ToolCallParser parser, Markers markers,
                          ToolCallSettings.Mode mode) {
        this.rewriter = rewriter;
        this.repair = parser == null ? null : new ToolCallRepair(parser, markers, mode, this);
    }

    /**
     * A stage that repairs the answer's text with these tools and markers.
     *
     * @param rewriter the force mode's request rewrite, or null to pass the call on as it is
     */
    static ToolCallStage repairing(ToolPromptRewriter rewriter, ToolCallParser parser, Markers markers,
                                   ToolCallSettings.Mode mode) {
        return new ToolCallStage(rewriter, parser, markers, mode);
    }

    /** A stage that only rewrites the request, its answer's events passing unchanged: force mode without tools. */
    static ToolCallStage rewriting(ToolPromptRewriter rewriter) {
        return new ToolCallStage(rewriter, null, null, ToolCallSettings.Mode.FORCE);
    }

    @Override
    public Call request(Call call) {
        return rewriter == null ? call : call.withRequest(rewriter.rewrite(call.request()));
    }

    /**
     * With nothing to repair, an answer relayed unchanged stays as it came, as {@code intercept} returns a Raw reply
     * to a call without tools: not read as events (which would re-encode it, and aggregate an SSE answer to a
     * non-streaming client).
     */
    @Override
    public RawWatch rawWatch() {
        return repair == null ? UNTOUCHED : null;
    }

    @Override
    public List<StreamEvent> onEvent(StreamEvent event) {
        if (repair == null) {
            return List.of(event);
        }
        repair.accept(event);
        return taken();
    }

    @Override
    public List<StreamEvent> onEnd() {
        if (repair == null) {
            return List.of();
        }
        repair.end();
        return taken();
    }

    /** Where the repair emits. */
    @Override
    public void accept(StreamEvent event) {
        if (first == null) {
            first = event;
        } else {
            if (more == null) {
                more = new ArrayList<>(4);
                more.add(first);
            }
            more.add(event);
        }
    }

    private List<StreamEvent> taken() {
        List<StreamEvent> events = more != null ? more : first != null ? List.of(first) : List.of();
        first = null;
        more = null;
        return events;
    }
}
