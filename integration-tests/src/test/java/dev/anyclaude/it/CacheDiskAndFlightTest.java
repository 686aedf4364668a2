package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache across restarts, with a damaged disk tier, and under identical concurrent requests. */
class CacheDiskAndFlightTest {
    private MockAnthropicServer anthropic;

    @TempDir
    Path cacheDir;

    @BeforeEach
    void start() {
        anthropic = new MockAnthropicServer().start();
    }

    @AfterEach
    void stop() {
        anthropic.close();
    }

    private ProxyFixture proxy() {
        return ProxyFixture.start(CacheFixtures.config(cacheDir, anthropic, null));
    }

    private static HttpResponse<String> ask(ProxyFixture proxy, String prompt, boolean stream) {
        return proxy.post("/v1/messages", CacheFixtures.body("claude-sonnet-4-5", prompt, stream),
                "x-api-key", "sk-ant-alice");
    }

    private static String cacheHeader(HttpResponse<String> response) {
        return response.headers().firstValue("x-anyclaude-cache").orElse("(none)");
    }

    @Test
    void storedAnswersOutliveARestart() {
        anthropic.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames("kept on disk")));
        String first;
        try (ProxyFixture proxy = proxy()) {
            first = ask(proxy, "persist me", true).body();
        }
        try (ProxyFixture restarted = proxy()) {
            HttpResponse<String> again = ask(restarted, "persist me", true);

            assertThat(cacheHeader(again)).isEqualTo("hit");
            assertThat(again.body()).isEqualTo(first).contains("kept on disk");
            assertThat(anthropic.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void aCorruptDiskTierLeavesTheProxyServingFromTheHeap() throws IOException {
        anthropic.setDefault(MockResponse.json(200, AnthropicFixtures.messageJson("msg_c", "m", "fresh")));
        try (ProxyFixture proxy = proxy()) {
            ask(proxy, "corrupt me", false);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(cacheDir)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            byte[] garbage = new byte[(int) Math.max(64, Files.size(file))];
            Arrays.fill(garbage, (byte) 0x5a);
            Files.write(file, garbage);
        }

        try (ProxyFixture damaged = proxy()) {
            HttpResponse<String> served = ask(damaged, "corrupt me", false);
            HttpResponse<String> again = ask(damaged, "corrupt me", false);

            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(cacheHeader(served)).isEqualTo("miss");
            assertThat(cacheHeader(again)).isEqualTo("hit");
            assertThat(anthropic.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void identicalConcurrentRequestsReachTheBackendOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        anthropic.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames("said once")).gateBefore(0, release));
        int clients = 4;
        try (ProxyFixture proxy = proxy()) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create(proxy.url() + "/v1/messages"))
                        .header("content-type", "application/json").header("x-api-key", "sk-ant-alice")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                CacheFixtures.body("claude-sonnet-4-5", "once please", i % 2 == 0)))
                        .build(), HttpResponse.BodyHandlers.ofString()));
            }
            await().until(() -> CacheFixtures.metric(proxy.get("/metrics").body(), "anyclaude_cache_waiting")
                    == clients - 1);
            assertThat(anthropic.requestCount()).isEqualTo(1);

            release.countDown();

            List<String> outcomes = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("said once");
                outcomes.add(cacheHeader(response));
            }
            assertThat(outcomes).containsExactlyInAnyOrder("miss", "hit", "hit", "hit");
            assertThat(anthropic.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void requestsWaitingOnAFailedAnswerAskTheBackendThemselves() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        anthropic.enqueue(MockResponse.sse(AnthropicFixtures.midStreamErrorFrames()).gateBefore(0, release));
        anthropic.setDefault(MockResponse.json(200, AnthropicFixtures.messageJson("msg_r", "m", "second try")));
        try (ProxyFixture proxy = proxy()) {
            CompletableFuture<HttpResponse<String>> leader = CompletableFuture.supplyAsync(
                    () -> ask(proxy, "fail for all", true));
            await().until(() -> anthropic.requestCount() == 1);
            CompletableFuture<HttpResponse<String>> follower = CompletableFuture.supplyAsync(
                    () -> ask(proxy, "fail for all", false));
            await().until(() -> CacheFixtures.metric(proxy.get("/metrics").body(), "anyclaude_cache_waiting") == 1);

            release.countDown();

            assertThat(leader.get().body()).contains("event: error");
            assertThat(follower.get().statusCode()).isEqualTo(200);
            assertThat(follower.get().body()).contains("second try");
            assertThat(anthropic.requestCount()).isEqualTo(2);
        }
    }
}
