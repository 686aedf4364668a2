package dev.anyclaude.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A scripted answer of {@link MockAnthropicServer}: a complete body, an SSE stream, or a request that hangs.
 *
 * <p>Every kind is immutable and thread-safe, so one instance may be enqueued many times or set as the
 * default answer. {@link #bodyBytes()} is exactly what the server writes as the HTTP body (before any
 * transfer encoding), so a test can compare it byte for byte with what a client received through a proxy.
 *
 * <pre>{@code
 * server.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson()).withHeader("request-id", "req_1"));
 * server.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames()));
 * server.enqueue(MockResponse.json(529, AnthropicFixtures.errorBody("overloaded_error", "Overloaded", "req_2"))
 *         .withHeader("retry-after", "1"));
 * }</pre>
 */
public sealed interface MockResponse permits FixedResponse, SseResponse, HangResponse {

    /** The exact body bytes the server sends for this answer ({@code []} for {@link HangResponse}); a copy. */
    byte[] bodyBytes();

    /**
     * A complete JSON answer: {@code content-type: application/json} and {@code content-length}, body encoded
     * as UTF-8. Add headers such as {@code request-id} or {@code retry-after} with
     * {@link FixedResponse#withHeader(String, String)}.
     *
     * @throws NullPointerException if {@code body} is null
     */
    static FixedResponse json(int status, String body) {
        return new FixedResponse(status, HeaderFields.of("content-type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A complete answer with exactly the given status, headers and body. The server adds
     * {@code content-length} unless {@code headers} has a {@code content-length} or {@code transfer-encoding}.
     *
     * @throws NullPointerException if {@code headers} or {@code body} is null
     */
    static FixedResponse raw(int status, HeaderFields headers, byte[] body) {
        return new FixedResponse(status, headers, body);
    }

    /**
     * A {@code 200 text/event-stream} answer that writes each frame exactly as given (UTF-8) and flushes it
     * on its own. A "frame" is any chunk of text, normally a whole SSE event such as
     * {@code "event: ping\ndata: {\"type\":\"ping\"}\n\n"}; split one across two frames to test a parser.
     *
     * @throws NullPointerException if {@code frames} or one of its elements is null
     */
    static SseResponse sse(List<String> frames) {
        return SseResponse.of(frames);
    }

    /** Same as {@link #sse(List)}. */
    static SseResponse sse(String... frames) {
        return SseResponse.of(List.of(frames));
    }

    /**
     * An answer that never comes: the request is read and recorded, then the connection is held open until the
     * client goes away or the server closes. Use a new instance per request, since its
     * {@link HangResponse#clientDisconnected()} completes once.
     */
    static HangResponse hang() {
        return new HangResponse();
    }
}
