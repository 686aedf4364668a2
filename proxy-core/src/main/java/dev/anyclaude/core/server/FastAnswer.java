package dev.anyclaude.core.server;

import dev.anyclaude.api.model.Usage;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;

/**
 * Writes one upstream answer to the client on the fast path, as it arrives, on the IO thread: relayed unchanged
 * ({@link RawAnswer}), translated into events ({@link EventAnswer}), or whichever of the two its head calls for
 * ({@link RawOrEvents}). Gets the answer only once it is the one the
 * client will have (retries were decided before). Ends the exchange, one way or another, after {@link #end},
 * {@link #broke} or {@link #expired}.
 */
sealed interface FastAnswer permits RawAnswer, EventAnswer, RawOrEvents {

    /** The answer's status line and headers. */
    void head(int status, HttpHeaders headers);

    /** More of its body; the buffer is reused after the call. */
    void body(ByteBuffer bytes);

    /** Its body ended. */
    void end();

    /** Its body failed: the connection broke, or it went silent too long ({@link java.net.SocketTimeoutException}). */
    void broke(IOException failure);

    /** The call ran past its total limit; the upstream is already dropped. */
    void expired(String message);

    /** The usage read from the answer, or null. */
    Usage usage();

    /** When the first content delta left for the client ({@link System#nanoTime()}), or 0. */
    long firstTokenNanos();

    /** When the first byte left for the client ({@link System#nanoTime()}), or 0. */
    long firstByteNanos();

    /** True when the upstream's answer went to the client as it came (its status and error body included). */
    default boolean relaysUnchanged() {
        return false;
    }
}
