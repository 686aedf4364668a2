package dev.anyclaude.it;

import static dev.anyclaude.it.AnthropicErrors.assertHttpError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Limits: requests beyond a backend's {@code maxConcurrent} wait in its queue, and beyond {@code maxQueued} get a
 * 529 {@code overloaded_error} naming the backend; a request whose headers exceed {@code server.maxHeaderBytes}
 * gets 431 {@code request_too_large} (the body limit is covered by {@link BadInputTest}). The proxy serves on.
 */
@Timeout(60)
class LimitsTest {
    private static final String STREAM_BODY = "{\"model\":\"m\",\"max_tokens\":5,\"stream\":true,\"messages\":[]}";

    private MockAnthropicServer upstream;
    private ProxyFixture proxy;

    @BeforeEach
    void start() {
        upstream = new MockAnthropicServer().start();
        proxy = ProxyFixture.start("""
                {"backend":"single",
                 "server":{"maxHeaderBytes":4096},
                 "backends":{
                   "single":{"type":"anthropic","baseUrl":"%1$s","maxConcurrent":1,"maxQueued":0},
                   "queued":{"type":"anthropic","baseUrl":"%1$s","maxConcurrent":1,"maxQueued":1,"queueTimeoutMs":30000}}}"""
                .formatted(upstream.baseUrl()));
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    @Test
    void requestBeyondTheConcurrencyLimitWithNoQueueIsOverloaded() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames("first")).gateBefore(3, finish));
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
                () -> proxy.post("/v1/messages", STREAM_BODY, "x-api-key", "k"));
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> upstream.requestCount() == 1);

        HttpResponse<String> second = proxy.post("/v1/messages", STREAM_BODY, "x-api-key", "k");

        assertHttpError(second, 529, "overloaded_error", "backend 'single' is busy: 1 requests in flight (maxConcurrent)");
        assertThat(upstream.requestCount()).isEqualTo(1);
        finish.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).body()).contains("event: message_stop");

        upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames("next")));
        assertThat(proxy.post("/v1/messages", STREAM_BODY, "x-api-key", "k").body()).contains("\"next\"");
    }

    @Test
    void requestWithinTheQueueWaitsForASlotAndTheOneBeyondIsOverloaded() throws Exception {
        String body = STREAM_BODY.replace("\"m\"", "\"queued,m\"");
        CountDownLatch finish = new CountDownLatch(1);
        upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames("first")).gateBefore(3, finish));
        upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames("second")));
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
                () -> proxy.post("/v1/messages", body, "x-api-key", "k"));
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> upstream.requestCount() == 1);
        CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(
                () -> proxy.post("/v1/messages", body, "x-api-key", "k"));
        // The third finds one in flight and one waiting: no room.
        HttpResponse<String> third = awaitOverloaded(body);

        assertHttpError(third, 529, "overloaded_error", "backend 'queued' is busy");
        assertThat(third.body()).contains("1 more already waiting (maxQueued)");
        assertThat(second).isNotDone();
        finish.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).body()).contains("\"first\"").contains("event: message_stop");
        assertThat(second.get(10, TimeUnit.SECONDS).body()).contains("\"second\"").contains("event: message_stop");
        assertThat(upstream.requestCount()).isEqualTo(2);
    }

    /** Posts until the answer is the 529 (the second request may not have reached the queue yet). */
    private HttpResponse<String> awaitOverloaded(String body) {
        HttpResponse<String>[] answer = new HttpResponse[1];
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> {
            answer[0] = proxy.post("/v1/messages", body, "x-api-key", "k");
            return answer[0].statusCode() == 529 && answer[0].body().contains("maxQueued");
        });
        return answer[0];
    }

    @Test
    void headersOverTheLimitAre431AndTheConnectionIsClosed() throws IOException {
        URI uri = URI.create(proxy.url());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\nx-padding: " + "p".repeat(5000)
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + STREAM_BODY.length() + "\r\n\r\n"
                    + STREAM_BODY).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 431 ");
            assertThat(response.toLowerCase(java.util.Locale.ROOT)).contains("connection: close");
            assertThat(response).contains("{\"type\":\"error\",\"error\":{\"type\":\"request_too_large\",")
                    .contains("4096 bytes (server.maxHeaderBytes)");
        }
        assertThat(upstream.requestCount()).isZero();
        upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames("next")));
        assertThat(proxy.post("/v1/messages", STREAM_BODY, "x-api-key", "k").body()).contains("\"next\"");
    }
}
