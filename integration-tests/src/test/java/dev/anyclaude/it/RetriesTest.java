package dev.anyclaude.it;

import static dev.anyclaude.it.AnthropicErrors.assertHttpError;
import static dev.anyclaude.it.AnthropicErrors.assertStreamEndsWithError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockOpenAiServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.OpenAiFixtures;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Retries happen only before the first byte reached the client, after 429, 5xx or 529 (honouring
 * {@code retry-after}), at most {@code retries.max} times; whatever the outcome, the client gets a well-formed
 * answer and the proxy serves the next request.
 */
@Timeout(60)
class RetriesTest {
    private static final String BODY = "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}";
    private static final String STREAM_BODY = "{\"model\":\"m\",\"max_tokens\":5,\"stream\":true,\"messages\":[]}";

    private MockAnthropicServer upstream;
    private MockOpenAiServer openai;
    private ProxyFixture proxy;

    @BeforeEach
    void start() {
        upstream = new MockAnthropicServer().start();
        openai = new MockOpenAiServer().start();
        proxy = ProxyFixture.start("""
                {"backend":"claude",
                 "backends":{
                   "claude":{"type":"anthropic","baseUrl":"%s",
                             "retries":{"max":2,"baseDelayMs":1,"maxDelayMs":20,"maxRetryAfterMs":1500}},
                   "local":{"type":"openai","baseUrl":"%s/v1","model":"q","retries":{"max":1,"baseDelayMs":1}},
                   "once":{"type":"anthropic","baseUrl":"%1$s"}}}"""
                .formatted(upstream.baseUrl(), openai.baseUrl()));
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
        openai.close();
    }

    @Test
    void overloadedAnswerIsRetriedAfterItsRetryAfterAndTheClientGetsTheAnswer() {
        upstream.enqueue(AnthropicFixtures.errorResponse(529, "Overloaded").withHeader("retry-after", "0.05"));
        upstream.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson()));

        HttpResponse<String> response = proxy.post("/v1/messages", BODY, "x-api-key", "k");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(AnthropicFixtures.messageJson());
        assertThat(upstream.requestCount()).isEqualTo(2);
        assertNextRequestIsServed();
    }

    @Test
    void rateLimitAndServerErrorsAreRetriedWithBackoff() {
        upstream.enqueue(AnthropicFixtures.errorResponse(429, "slow down"));
        upstream.enqueue(AnthropicFixtures.errorResponse(500, "boom"));
        upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames("third time")));

        HttpResponse<String> response = proxy.post("/v1/messages", STREAM_BODY, "x-api-key", "k");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("third time").contains("event: message_stop");
        assertThat(upstream.requestCount()).isEqualTo(3);
        assertThat(proxy.get("/metrics").body())
                .contains("anyclaude_upstream_retries_total{backend=\"claude\",status=\"429\"} 1.0")
                .contains("anyclaude_upstream_retries_total{backend=\"claude\",status=\"500\"} 1.0");
    }

    @Test
    void retriesAreBoundedAndTheLastAnswerReachesTheClient() {
        for (int i = 0; i < 3; i++) {
            upstream.enqueue(AnthropicFixtures.errorResponse(503, "unavailable " + i));
        }

        HttpResponse<String> response = proxy.post("/v1/messages", BODY, "x-api-key", "k");

        assertHttpError(response, 503, "api_error", "unavailable 2");
        assertThat(upstream.requestCount()).isEqualTo(3);
        assertNextRequestIsServed();
    }

    @Test
    void retryAfterLongerThanTheLimitIsAnsweredAtOnce() {
        upstream.enqueue(AnthropicFixtures.errorResponse(429, "come back in a minute").withHeader("retry-after", "60"));

        HttpResponse<String> response = proxy.post("/v1/messages", BODY, "x-api-key", "k");

        assertHttpError(response, 429, "rate_limit_error", "come back in a minute");
        assertThat(response.headers().firstValue("retry-after")).hasValue("60");
        assertThat(upstream.requestCount()).isEqualTo(1);
    }

    @Test
    void clientErrorsAreNotRetried() {
        upstream.enqueue(AnthropicFixtures.errorResponse(400, "bad request"));

        assertHttpError(proxy.post("/v1/messages", BODY, "x-api-key", "k"), 400, "invalid_request_error", "bad request");
        assertThat(upstream.requestCount()).isEqualTo(1);
    }

    @Test
    void streamThatBrokeAfterItStartedIsNeverRetried() {
        upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames("cut").subList(0, 3)).thenDisconnect());

        HttpResponse<String> response = proxy.post("/v1/messages", STREAM_BODY, "x-api-key", "k");

        assertStreamEndsWithError(response, "api_error", "backend 'claude' stopped in the middle of the answer");
        assertThat(upstream.requestCount()).isEqualTo(1);
        assertNextRequestIsServed();
    }

    @Test
    void backendWithoutRetriesAnswersTheFirstFailure() {
        upstream.enqueue(AnthropicFixtures.errorResponse(529, "Overloaded"));

        assertHttpError(proxy.post("/v1/messages", BODY.replace("\"m\"", "\"once,m\""), "x-api-key", "k"),
                529, "overloaded_error", "Overloaded");
        assertThat(upstream.requestCount()).isEqualTo(1);
    }

    @Test
    void translatingBackendRetriesARateLimitBeforeItsStreamStarts() {
        openai.enqueue(MockResponse.json(429, "{\"error\":{\"message\":\"rate limited\",\"type\":\"rate_limit\"}}")
                .withHeader("retry-after", "0"));
        openai.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks("after the wait")));

        HttpResponse<String> response = proxy.post("/v1/messages", STREAM_BODY.replace("\"m\"", "\"local,m\""));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("after the wait").contains("event: message_stop");
        assertThat(openai.requestCount()).isEqualTo(2);
    }

    private void assertNextRequestIsServed() {
        upstream.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson()));
        HttpResponse<String> next = proxy.post("/v1/messages", BODY, "x-api-key", "k");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).isEqualTo(AnthropicFixtures.messageJson());
    }
}
