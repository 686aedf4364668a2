package dev.anyclaude.api;

import dev.anyclaude.api.model.StreamEvent;
import java.util.Iterator;
import java.util.List;

/**
 * A backend's answer as Anthropic stream events, pulled one at a time by the proxy as the client takes them.
 *
 * <p>The proxy calls {@link #next()} from one virtual thread; an implementation may block there until the
 * upstream sends more. {@link #close()} may be called at any time, from any thread (a client that disconnects),
 * and must cancel the upstream request; it is called exactly once, also after the stream ended.
 *
 * <p>A stream that fails throws {@link AnthropicException} from {@code next()}; the proxy turns it into an HTTP
 * error if nothing was sent yet, else into an SSE {@code event: error}. Never end a failed stream silently.
 */
public interface EventStream extends AutoCloseable {

    /**
     * The next event, blocking until it is there.
     *
     * @return the event, or null once the stream ended normally (after {@code message_stop})
     * @throws AnthropicException when the upstream failed or sent something that is not a valid answer
     */
    StreamEvent next();

    /** Stops the stream and cancels the upstream request; idempotent; never throws. */
    @Override
    void close();

    /** A stream that replays these events; for tests, caches and synthetic answers. */
    static EventStream of(List<? extends StreamEvent> events) {
        Iterator<? extends StreamEvent> iterator = List.copyOf(events).iterator();
        return new EventStream() {
            @Override
            public StreamEvent next() {
                return iterator.hasNext() ? iterator.next() : null;
            }

            @Override
            public void close() {
            }
        };
    }
}
