package dev.anyclaude.api.http;

import java.io.InputStream;
import java.net.http.HttpHeaders;

/**
 * An upstream answer whose headers have arrived and whose body streams. Closing it (or its body) before the end
 * cancels the request and discards the connection; closing it after the end returns the connection to the pool.
 */
public interface UpstreamResponse extends AutoCloseable {

    /** The HTTP status. */
    int status();

    /** The response headers, case-insensitive. */
    HttpHeaders headers();

    /**
     * The body as it arrives: each {@code read} returns what the upstream sent so far (at least one byte) or
     * blocks until more comes; -1 at the end. Reading after a reset throws {@link java.io.IOException}.
     */
    InputStream body();

    /** Cancels the request if the body was not read to the end; idempotent; never throws. */
    @Override
    void close();
}
