package dev.anyclaude.testkit;

/**
 * A real HTTP/1.1 server on 127.0.0.1 that answers like an OpenAI-compatible server (vLLM, mlx_lm.server, Ollama,
 * LM Studio, OpenRouter), with scripted answers sent byte for byte. Scripting, recording and threading are
 * described on {@link MockServer}; this server's main path is {@link #CHAT_COMPLETIONS}, and the errors it makes
 * up itself (404 for an unscripted path, 413, 500 for a failing dispatcher) are OpenAI error bodies
 * ({@link OpenAiFixtures#errorResponse}).
 *
 * <p>Streams are {@link MockResponse#chunks(java.util.List)}: {@code data:} lines without {@code event:} names,
 * then {@code data: [DONE]}, each flushed on its own and gateable like any {@link SseResponse}.
 *
 * <pre>{@code
 * try (MockOpenAiServer backend = new MockOpenAiServer().start()) {
 *     backend.setDefault(MockOpenAiServer.MODELS, MockResponse.json(200, OpenAiFixtures.modelsJson("qwen3")));
 *     backend.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks("Hi", " there.")));
 *     // point the proxy at backend.baseUrl() + "/v1", send a request through it ...
 *     RecordedRequest seen = backend.takeRequest();
 *     assertEquals("/v1/chat/completions", seen.path());
 * }
 * }</pre>
 */
public final class MockOpenAiServer extends MockServer {

    /** {@code /v1/chat/completions}, the default path of {@link #enqueue(MockResponse)}. */
    public static final String CHAT_COMPLETIONS = "/v1/chat/completions";
    /** {@code /v1/models}. */
    public static final String MODELS = "/v1/models";

    /** A server that is not listening yet; call {@link #start()}. */
    public MockOpenAiServer() {
        super(CHAT_COMPLETIONS, MockDialect.OPENAI);
    }

    @Override
    public MockOpenAiServer start() {
        return start(0);
    }

    @Override
    public MockOpenAiServer start(int port) {
        super.start(port);
        return this;
    }

    /** Queues {@code response} for the next request to {@link #CHAT_COMPLETIONS}. */
    @Override
    public void enqueue(MockResponse response) {
        super.enqueue(response);
    }

    /** Sets the answer for {@link #CHAT_COMPLETIONS} when its queue is empty; null removes it. */
    @Override
    public void setDefault(MockResponse response) {
        super.setDefault(response);
    }
}
