package dev.anyclaude.testkit;

/**
 * A real HTTP/1.1 server on 127.0.0.1 that answers like the Anthropic Messages API, with scripted answers, in
 * the manner of OkHttp's MockWebServer. Scripting, recording and threading are described on {@link MockServer};
 * this server's main path is {@link #MESSAGES}, and the errors it makes up itself (404 for an unscripted path,
 * 413, 500 for a failing dispatcher) are Anthropic error bodies ({@link AnthropicFixtures#errorResponse}).
 *
 * <pre>{@code
 * try (MockAnthropicServer upstream = new MockAnthropicServer()) {
 *     upstream.start();
 *     upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames()));
 *     // point the proxy at upstream.baseUrl(), send a request through it ...
 *     RecordedRequest seen = upstream.takeRequest();
 *     assertEquals("beta=true", seen.queryString());
 * }
 * }</pre>
 */
public final class MockAnthropicServer extends MockServer {

    /** {@code /v1/messages}, the default path of {@link #enqueue(MockResponse)}. */
    public static final String MESSAGES = "/v1/messages";
    /** {@code /v1/messages/count_tokens}. */
    public static final String COUNT_TOKENS = "/v1/messages/count_tokens";
    /** {@code /v1/models}. */
    public static final String MODELS = "/v1/models";

    /** A server that is not listening yet; call {@link #start()}. */
    public MockAnthropicServer() {
        super(MESSAGES, MockDialect.ANTHROPIC);
    }

    @Override
    public MockAnthropicServer start() {
        return start(0);
    }

    @Override
    public MockAnthropicServer start(int port) {
        super.start(port);
        return this;
    }

    /** Queues {@code response} for the next request to {@link #MESSAGES}. */
    @Override
    public void enqueue(MockResponse response) {
        super.enqueue(response);
    }

    /** Sets the answer for {@link #MESSAGES} when its queue is empty; null removes it. */
    @Override
    public void setDefault(MockResponse response) {
        super.setDefault(response);
    }
}
