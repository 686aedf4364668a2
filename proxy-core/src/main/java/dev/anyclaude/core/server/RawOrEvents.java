package dev.anyclaude.core.server;

import dev.anyclaude.api.model.Usage;
import dev.anyclaude.api.wire.RawReplies;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * An answer relayed unchanged by its backend on a route whose middleware works on events (a stage without a
 * {@code RawWatch}): a successful SSE or JSON answer is read as events ({@link WireAnswer}) and passes through the
 * stages ({@link EventAnswer}), as the blocking path's middleware reads it with {@code RawReplies.events}; anything
 * else (an error status, another content type, a compressed body) is relayed as it comes ({@link RawAnswer}), as
 * that middleware passes it on. Which one is decided by the status line and headers.
 */
final class RawOrEvents implements FastAnswer {
    private final Supplier<EventAnswer> events;
    private final Supplier<RawAnswer> raw;
    private FastAnswer chosen;

    /**
     * @param events the answer read as events, with {@link WireAnswer#factory} as its translator
     * @param raw    the answer relayed unchanged
     */
    RawOrEvents(Supplier<EventAnswer> events, Supplier<RawAnswer> raw) {
        this.events = events;
        this.raw = raw;
    }

    @Override
    public void head(int status, HttpHeaders headers) {
        chosen = RawReplies.isReadable(status, headers) ? events.get() : raw.get();
        chosen.head(status, headers);
    }

    @Override
    public void body(ByteBuffer bytes) {
        chosen.body(bytes);
    }

    @Override
    public void end() {
        chosen.end();
    }

    @Override
    public void broke(IOException failure) {
        chosen.broke(failure);
    }

    @Override
    public void expired(String message) {
        chosen.expired(message);
    }

    @Override
    public Usage usage() {
        return chosen == null ? null : chosen.usage();
    }

    @Override
    public long firstTokenNanos() {
        return chosen == null ? 0 : chosen.firstTokenNanos();
    }

    @Override
    public long firstByteNanos() {
        return chosen == null ? 0 : chosen.firstByteNanos();
    }

    @Override
    public boolean relaysUnchanged() {
        return chosen instanceof RawAnswer;
    }
}
