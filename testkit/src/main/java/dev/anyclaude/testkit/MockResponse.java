package dev.anyclaude.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A scripted answer of a {@link MockServer}: a complete body, an SSE stream (Anthropic events or OpenAI chunks),
 * or a request that hangs.
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
 * openAi.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks("Hi", " there.")));
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
     * An OpenAI-style stream ({@code 200 text/event-stream}): each element written as {@code "data: <element>\n\n"},
     * without {@code event:} lines, then {@code "data: [DONE]\n\n"}; each flushed on its own. An element that
     * starts with {@code ':'} is an SSE comment and written as {@code "<element>\n\n"}, so keep-alives such as
     * {@link OpenAiFixtures#comment(String) ": keepalive 1/10"} or {@code ": OPENROUTER PROCESSING"} can sit
     * between chunks. Frame {@code i} of the result is element {@code i}, and frame {@code elements.size()} is
     * {@code [DONE]}, which is what {@link SseResponse#gateBefore(int, java.util.concurrent.CountDownLatch)}
     * counts; {@link SseResponse#thenDisconnect()} cuts the stream after the last frame.
     *
     * <pre>{@code
     * List<String> chunks = OpenAiFixtures.textChunks("Hel", "lo");   // role, "Hel", "lo", finish
     * backend.enqueue(MockResponse.chunks(chunks).gateBefore(2, latch)); // hold "lo" until the test says so
     * }</pre>
     *
     * @param elements chunk JSON objects (see {@link OpenAiFixtures}) and {@code ':'} comment lines
     * @throws NullPointerException if {@code elements} or one of them is null
     */
    static SseResponse chunks(List<String> elements) {
        return SseResponse.of(OpenAiFixtures.sseFrames(elements, true));
    }

    /** Same as {@link #chunks(List)}. */
    static SseResponse chunks(String... elements) {
        return chunks(List.of(elements));
    }

    /**
     * Like {@link #chunks(List)} but without the final {@code data: [DONE]}, as servers send when a stream ends
     * abnormally (mlx_lm.server after an exception, or when {@code stream_options} lacks {@code include_usage}).
     * The response still ends cleanly; add {@link SseResponse#thenDisconnect()} to cut the connection instead.
     *
     * @throws NullPointerException if {@code elements} or one of them is null
     */
    static SseResponse chunksWithoutDone(List<String> elements) {
        return SseResponse.of(OpenAiFixtures.sseFrames(elements, false));
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
