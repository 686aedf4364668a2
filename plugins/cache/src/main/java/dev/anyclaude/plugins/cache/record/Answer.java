package dev.anyclaude.plugins.cache.record;

import java.util.Objects;

/**
 * An answer as the client received it: its status, its content type and its body (SSE text or JSON).
 *
 * @param status      the HTTP status
 * @param contentType {@code text/event-stream} or {@code application/json}
 * @param body        the bytes, UTF-8; not copied, never modified
 * @param complete    false when the stream was cut (the client went away, or the upstream failed mid-stream)
 */
record Answer(int status, String contentType, byte[] body, boolean complete) {
    static final String SSE = "text/event-stream";
    static final String JSON = "application/json";

    Answer {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    /** True for an SSE body. */
    boolean sse() {
        return contentType.startsWith(SSE);
    }
}
