package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.SseResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fast path (calls sent and relayed on the IO thread that serves the client) for what the other relay tests do
 * not reach: a client slower than the upstream, keep-alive reuse of upstream connections, and a full concurrency
 * gate, which sends the call to the blocking path's queue instead.
 */
class FastPathTest {
    private static final String BODY = "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}";
    private static final String STREAM_BODY = "{\"model\":\"m\",\"max_tokens\":5,\"stream\":true,\"messages\":[]}";

    private MockAnthropicServer upstream;
    private ProxyFixture proxy;

    @BeforeEach
    void start() {
        upstream = new MockAnthropicServer().start();
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        upstream.close();
    }

    @Test
    void aLargeStreamReachesASlowClientWholeAndInOrder() throws Exception {
        proxy = ProxyFixture.anthropic(upstream.baseUrl());
        int parts = 3000;
        List<String> frames = new ArrayList<>(AnthropicFixtures.textStreamFrames().subList(0, 2));
        String padding = "x".repeat(2000);
        for (int i = 0; i < parts; i++) {
            frames.add(AnthropicFixtures.frame("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"part-" + i + "-" + padding + "\"}}"));
        }
        List<String> end = AnthropicFixtures.textStreamFrames();
        frames.addAll(end.subList(end.size() - 3, end.size()));
        upstream.enqueue(MockResponse.sse(frames));

        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            URI uri = URI.create(proxy.url());
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
            ProxyFixture.writePost(socket, "/v1/messages", STREAM_BODY);
            Thread.sleep(300); // the upstream is done long before the client reads: the proxy must hold back
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            List<Integer> seen = CompletableFuture.supplyAsync(() -> partsUntilStop(in)).get(60, TimeUnit.SECONDS);

            assertThat(seen).hasSize(parts);
            for (int i = 0; i < parts; i++) {
                assertThat(seen.get(i)).isEqualTo(i);
            }
        }
        assertThat(proxy.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void callsInTurnReuseKeptAliveUpstreamConnections() {
        proxy = ProxyFixture.anthropic(upstream.baseUrl());
        for (int i = 0; i < 20; i++) {
            upstream.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson()));
            assertThat(proxy.post("/v1/messages", BODY, "x-api-key", "k").statusCode()).isEqualTo(200);
        }
        // Kept for the next call: at most one per IO thread of the proxy (two), none closed after each call.
        assertThat(upstream.openConnections()).isBetween(1, 2);
    }

    @Test
    void aCallThatFindsTheConcurrencyLimitReachedWaitsInTheQueueAndIsAnswered() throws Exception {
        proxy = ProxyFixture.start("{\"backend\":\"claude\",\"backends\":{\"claude\":{\"type\":\"anthropic\",\"baseUrl\":\""
                + upstream.baseUrl() + "\",\"apiKeyEnv\":\"ANYCLAUDE_TEST_NO_SUCH_VARIABLE\",\"maxConcurrent\":1,"
                + "\"maxQueued\":4}}}");
        CountDownLatch release = new CountDownLatch(1);
        SseResponse held = MockResponse.sse(AnthropicFixtures.textStreamFrames()).gateBefore(1, release);
        upstream.enqueue(held);
        upstream.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson()));

        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
                () -> proxy.post("/v1/messages", STREAM_BODY, "x-api-key", "k"));
        upstream.takeRequest(java.time.Duration.ofSeconds(10));
        CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(
                () -> proxy.post("/v1/messages", BODY, "x-api-key", "k"));
        Thread.sleep(200);
        assertThat(second).isNotDone(); // queued behind the first: the gate holds on the fast path too
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).body()).contains("event: message_stop");
        assertThat(second.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    /** The numbers of the {@code part-N} deltas, in the order they arrive, up to {@code message_stop}. */
    private static List<Integer> partsUntilStop(BufferedReader in) {
        Pattern part = Pattern.compile("\"text\":\"part-(\\d+)-");
        List<Integer> seen = new ArrayList<>();
        try {
            String line;
            while ((line = in.readLine()) != null && !line.equals("event: message_stop")) {
                Matcher matcher = part.matcher(line);
                if (matcher.find()) {
                    seen.add(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return seen;
    }
}
