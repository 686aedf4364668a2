package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.model.StreamEvent;

import java.util.ArrayDeque;
import java.util.List;

/**
 * An event stream that repairs tool calls printed as text ({@link ToolCallRepair}) in the stream it wraps: the
 * pull form, for {@link ToolCallsMiddleware#intercept}. {@link ToolCallStage} is the push form of the same repair.
 */
final class ToolCallStream implements EventStream {
    private final EventStream upstream;
    private final ArrayDeque<StreamEvent> out = new ArrayDeque<>();
    private final ToolCallRepair repair;
    private boolean upstreamDone;

    ToolCallStream(EventStream upstream, ToolCallParser parser, Markers markers, ToolCallSettings.Mode mode) {
        this.upstream = upstream;
        this.repair = new ToolCallRepair(parser, markers, mode, out::add);
    }

    /** Looks for exactly these formats. */
    ToolCallStream(EventStream upstream, ToolCallParser parser, List<CallFormat> formats, ToolCallSettings.Mode mode) {
        this(upstream, parser, Markers.of(formats, parser.tools().keySet()), mode);
    }

    @Override
    public StreamEvent next() {
        while (out.isEmpty()) {
            if (upstreamDone) {
                return null;
            }
            StreamEvent event = upstream.next();
            if (event == null) {
                upstreamDone = true;
                repair.end(); // the stream broke off: what is held back is text
            } else {
                repair.accept(event);
            }
        }
        return out.poll();
    }

    @Override
    public void close() {
        upstream.close();
    }
}
