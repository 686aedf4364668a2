package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ordered fallback list: tried when the chosen backend refuses the connection or answers 429, 5xx or 529,
 * never once the answer has started reaching the client.
 */
class FallbackTest {
    private static final String BODY = "{\"model\":\"claude-x\",\"max_tokens\":5,\"messages\":[]}";
    private static final String STREAM_BODY = "{\"model\":\"claude-x\",\"max_tokens\":5,\"stream\":true,\"messages\":[]}";

    private MockAnthropicServer primary;
    private MockAnthropicServer secondary;
    private ProxyFixture proxy;

    @BeforeEach
    void start() {
        primary = new MockAnthropicServer().start();
        secondary = new MockAnthropicServer().start();
        secondary.setDefault(MockResponse.json(200, AnthropicFixtures.messageJson("msg_2", "m", "from the fallback")));
        proxy = ProxyFixture.start("""
                {"backend":"primary",
                 "backends":{"primary":{"type":"anthropic","baseUrl":"%s"},"secondary":{"type":"anthropic","baseUrl":"%s"},
                             "down":{"type":"anthropic","baseUrl":"http://127.0.0.1:%d"}},
                 "router":{"fallback":["secondary"]}}""".formatted(primary.baseUrl(), secondary.baseUrl(), closedPort()));
    }

    @AfterEach
    void stop() {
        proxy.close();
        primary.close();
        secondary.close();
    }

    @Test
    void overloadedPrimaryFallsBackToTheNextBackend() {
        primary.enqueue(AnthropicFixtures.errorResponse(529, "Overloaded"));
        HttpResponse<String> response = proxy.post("/v1/messages", BODY, "x-api-key", "k");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("from the fallback");
        assertThat(primary.requestCount()).isEqualTo(1);
        assertThat(secondary.requestCount()).isEqualTo(1);
    }

    @Test
    void rateLimitedAndFailingPrimariesFallBackToo() {
        primary.enqueue(AnthropicFixtures.errorResponse(429, "slow down"));
        assertThat(proxy.post("/v1/messages", BODY, "x-api-key", "k").body()).contains("from the fallback");
        primary.enqueue(AnthropicFixtures.errorResponse(500, "boom"));
        assertThat(proxy.post("/v1/messages", BODY, "x-api-key", "k").body()).contains("from the fallback");
    }

    @Test
    void unreachableExplicitBackendFallsBack() {
        HttpResponse<String> response = proxy.post("/v1/messages", BODY.replace("claude-x", "down,claude-x"), "x-api-key", "k");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("from the fallback");
    }

    @Test
    void clientErrorsAreNotRetriedElsewhere() {
        primary.enqueue(AnthropicFixtures.errorResponse(400, "bad request"));
        HttpResponse<String> response = proxy.post("/v1/messages", BODY, "x-api-key", "k");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(secondary.requestCount()).isZero();
    }

    @Test
    void aStreamThatFailsAfterItStartedIsNotRetried() {
        primary.enqueue(MockResponse.sse(AnthropicFixtures.midStreamErrorFrames()));
        HttpResponse<String> response = proxy.post("/v1/messages", STREAM_BODY, "x-api-key", "k");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("event: error");
        assertThat(secondary.requestCount()).isZero();
    }

    @Test
    void whenEveryBackendFailsTheLastAnswerReachesTheClient() {
        primary.enqueue(AnthropicFixtures.errorResponse(529, "Overloaded"));
        secondary.enqueue(AnthropicFixtures.errorResponse(529, "also overloaded"));
        HttpResponse<String> response = proxy.post("/v1/messages", BODY, "x-api-key", "k");
        assertThat(response.statusCode()).isEqualTo(529);
        assertThat(response.body()).contains("also overloaded");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
