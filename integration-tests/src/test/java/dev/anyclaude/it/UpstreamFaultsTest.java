package dev.anyclaude.it;

import static dev.anyclaude.it.AnthropicErrors.assertHttpError;
import static dev.anyclaude.it.AnthropicErrors.assertStreamEndsWithError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.HeaderFields;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockOpenAiServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.OpenAiFixtures;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fault matrix: whatever an upstream does wrong, the client gets a well-formed Anthropic answer (an error
 * status before the first byte, an {@code event: error} after it), never a truncated "success", and the proxy
 * serves the next request. Both lanes: the byte-for-byte passthrough and the OpenAI translation.
 */
@Timeout(60)
class UpstreamFaultsTest {
    private static final String BODY = "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}";
    private static final String STREAM_BODY = "{\"model\":\"m\",\"max_tokens\":5,\"stream\":true,\"messages\":[]}";

    private static MockAnthropicServer upstream;
    private static MockOpenAiServer openai;
    private static ProxyFixture proxy;

    @BeforeAll
    static void start() {
        upstream = new MockAnthropicServer().start();
        openai = new MockOpenAiServer().start();
        proxy = ProxyFixture.start("""
                {"backend":"claude",
                 "backends":{"claude":{"type":"anthropic","baseUrl":"%s"},
                             "local":{"type":"openai","baseUrl":"%s/v1","model":"q"},
                             "refused":{"type":"anthropic","baseUrl":"http://127.0.0.1:%d"}}}"""
                .formatted(upstream.baseUrl(), openai.baseUrl(), closedPort()));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        upstream.close();
        openai.close();
    }

    @AfterEach
    void proxyStillServesTheNextRequest() {
        upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames("next")));
        HttpResponse<String> next = proxy.post("/v1/messages", STREAM_BODY, "x-api-key", "k");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).contains("\"next\"").contains("event: message_stop");
        openai.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks("next")));
        assertThat(proxy.post("/v1/messages", STREAM_BODY.replace("\"m\"", "\"local,m\"")).body())
                .contains("event: message_stop");
    }

    @Test
    void refusedConnectionIs502NamingTheBackend() {
        assertHttpError(proxy.post("/v1/messages", BODY.replace("\"m\"", "\"refused,m\""), "x-api-key", "sk-ant-secret"),
                502, "api_error", "backend 'refused' at http://127.0.0.1:");
    }

    @Test
    void streamResetMidwayEndsWithAnErrorEvent() {
        upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames("cut").subList(0, 3)).thenDisconnect());
        assertStreamEndsWithError(proxy.post("/v1/messages", STREAM_BODY, "x-api-key", "k"), "api_error",
                "backend 'claude' stopped in the middle of the answer");
    }

    @Test
    void streamThatEndsWithoutMessageStopEndsWithAnErrorEvent() {
        upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames("short").subList(0, 4)));
        assertStreamEndsWithError(proxy.post("/v1/messages", STREAM_BODY, "x-api-key", "k"), "api_error",
                "backend 'claude' ended the stream without message_stop");
    }

    @Test
    void malformedStreamFramesAreNeverMistakenForACompleteAnswer() {
        upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames("x").get(0), "event: content_block_delta\ndata: {not json\n\n",
                "garbage without a frame\n\n"));
        HttpResponse<String> response = proxy.post("/v1/messages", STREAM_BODY, "x-api-key", "k");
        assertStreamEndsWithError(response, "api_error", "backend 'claude' sent a malformed stream event");
        assertThat(response.body()).doesNotContain("garbage").doesNotContain("{not json");
    }

    @Test
    void streamCutInTheMiddleOfAFrameLeavesNoHalfEventBehind() {
        List<String> frames = AnthropicFixtures.textStreamFrames("whole");
        String half = frames.get(3).substring(0, frames.get(3).length() / 2);
        upstream.enqueue(MockResponse.sse(frames.get(0), frames.get(1), frames.get(2), half).thenDisconnect());
        HttpResponse<String> response = proxy.post("/v1/messages", STREAM_BODY, "x-api-key", "k");
        assertStreamEndsWithError(response, "api_error", "backend 'claude' stopped in the middle of the answer");
        assertThat(response.body()).doesNotContain(half).doesNotContain("\n\n\n");
    }

    @Test
    void malformedJsonAnswerIs502InsteadOfAGarbledSuccess() {
        upstream.enqueue(MockResponse.json(200, "{\"id\":\"msg_1\",\"content\":[{\"type\":\"te"));
        assertHttpError(proxy.post("/v1/messages", BODY, "x-api-key", "k"), 502, "api_error",
                "backend 'claude' answered 200 with a body that is not a JSON object");
    }

    @Test
    void jsonAnswerCutMidwayIs502() {
        byte[] whole = AnthropicFixtures.messageJson().getBytes(StandardCharsets.UTF_8);
        upstream.enqueue(MockResponse.raw(200, HeaderFields.of("content-type", "application/json",
                "content-length", String.valueOf(whole.length + 100)), whole));
        HttpResponse<String> response = proxy.post("/v1/messages", BODY, "x-api-key", "k");
        assertThat(response.statusCode()).isIn(502, 504);
        assertThat(AnthropicErrors.read(response.body()).path("type").asText()).isEqualTo("error");
    }

    @Test
    void serverErrorIsRelayedAsAnAnthropicError() {
        upstream.enqueue(AnthropicFixtures.errorResponse(500, "internal trouble"));
        assertHttpError(proxy.post("/v1/messages", BODY, "x-api-key", "k"), 500, "api_error", "internal trouble");
    }

    @Test
    void rateLimitKeepsItsRetryAfterForTheClient() {
        upstream.enqueue(AnthropicFixtures.errorResponse(429, "slow down").withHeader("retry-after", "7"));
        HttpResponse<String> response = proxy.post("/v1/messages", BODY, "x-api-key", "k");
        assertHttpError(response, 429, "rate_limit_error", "slow down");
        assertThat(response.headers().firstValue("retry-after")).hasValue("7");
    }

    @Test
    void overloadedIsRelayedAs529() {
        upstream.enqueue(AnthropicFixtures.errorResponse(529, "Overloaded"));
        assertHttpError(proxy.post("/v1/messages", BODY, "x-api-key", "k"), 529, "overloaded_error", "Overloaded");
    }

    @Test
    void errorEventInsideA200StreamReachesTheClientAsTheLastEvent() {
        upstream.enqueue(MockResponse.sse(AnthropicFixtures.midStreamErrorFrames()));
        assertStreamEndsWithError(proxy.post("/v1/messages", STREAM_BODY, "x-api-key", "k"), "overloaded_error",
                "Overloaded");
    }

    @Test
    void translatedStreamResetMidwayEndsWithAnErrorEvent() {
        openai.enqueue(MockResponse.chunksWithoutDone(OpenAiFixtures.textChunks("Hel", "lo").subList(0, 2)).thenDisconnect());
        assertStreamEndsWithError(proxy.post("/v1/messages", STREAM_BODY.replace("\"m\"", "\"local,m\"")), "api_error",
                "backend 'local'");
    }

    @Test
    void translatedMalformedChunkEndsWithAnErrorEvent() {
        openai.enqueue(MockResponse.chunks(OpenAiFixtures.roleChunk(), OpenAiFixtures.textChunk("Hel"), "{not json"));
        assertStreamEndsWithError(proxy.post("/v1/messages", STREAM_BODY.replace("\"m\"", "\"local,m\"")), "api_error",
                "not valid JSON");
    }

    @Test
    void translatedErrorInsideA200StreamEndsWithAnErrorEvent() {
        openai.enqueue(MockResponse.chunks(OpenAiFixtures.roleChunk(), OpenAiFixtures.textChunk("Hel"),
                OpenAiFixtures.errorChunk("server_error", "the model crashed")));
        assertStreamEndsWithError(proxy.post("/v1/messages", STREAM_BODY.replace("\"m\"", "\"local,m\"")), "api_error",
                "the model crashed");
    }

    @Test
    void translatedServerErrorsAreAnthropicErrorsWithTheirStatus() {
        openai.enqueue(MockResponse.json(503, "{\"error\":{\"message\":\"no capacity\"}}"));
        HttpResponse<String> response = proxy.post("/v1/messages", BODY.replace("\"m\"", "\"local,m\""));
        assertThat(response.statusCode()).isIn(503, 529);
        assertThat(AnthropicErrors.read(response.body()).path("error").path("message").asText()).contains("no capacity");
    }

    @Test
    void translatedMalformedJsonAnswerIsAnError() {
        openai.enqueue(MockResponse.json(200, "{\"choices\":[{\"message\":"));
        HttpResponse<String> response = proxy.post("/v1/messages", BODY.replace("\"m\"", "\"local,m\""));
        assertHttpError(response, 500, "api_error", "backend 'local'");
    }

    @Test
    void translatedJsonNullAnswerIsAnErrorNamingTheBackendNotAnInternalOne() {
        openai.enqueue(MockResponse.json(200, "null"));
        assertHttpError(proxy.post("/v1/messages", BODY.replace("\"m\"", "\"local,m\"")), 500, "api_error",
                "backend 'local' sent an answer that is not valid JSON: malformed JSON: null instead of an object");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
