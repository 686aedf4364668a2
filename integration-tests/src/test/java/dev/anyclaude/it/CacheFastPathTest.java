package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockOpenAiServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.OpenAiFixtures;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cache on the fast path. A proxy with plain routes takes its calls on the fast path; a proxy whose routes have
 * a fallback takes every call on the blocking path. A miss on the fast path must be recorded and stored, a hit there
 * must never reach the backend, and it must be, byte for byte and header for header, the hit the blocking path
 * serves from the same stored answer (the blocking proxy is started on the fast one's disk tier after it stopped).
 * Which path a call took is read from the proxy's in-process timer, which only fast-path calls feed.
 */
class CacheFastPathTest {
    private static final String FAST_CALLS = "anyclaude_request_in_process_seconds_count";
    private static MockAnthropicServer anthropic;
    private static MockOpenAiServer openai;
    private static Path dir;
    private static ProxyFixture fast;

    @BeforeAll
    static void start() throws IOException {
        anthropic = new MockAnthropicServer().start();
        openai = new MockOpenAiServer().start();
        dir = Files.createTempDirectory("anyclaude-cache-fast");
        fast = startFast(dir);
    }

    /** A proxy on the fast path with its cache (disk tier in {@code folder}) open. */
    private static ProxyFixture startFast(Path folder) {
        ProxyFixture proxy = ProxyFixture.start(CacheFixtures.config(folder, anthropic, openai));
        // The store opens on the first call (the blocking path opens it); from then on the fast path looks it up.
        anthropic.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson()));
        ask(proxy, "claude-sonnet-4-5", "open the store", false);
        return proxy;
    }

    /** A proxy with the same backends and cache folder whose every call takes the blocking path. */
    private static ProxyFixture startBlocking(Path folder) {
        String config = CacheFixtures.config(folder, anthropic, openai);
        return ProxyFixture.start(config.substring(0, config.length() - 1)
                + ",\"router\":{\"fallback\":[\"uncached\"]}}");
    }

    @AfterAll
    static void stop() {
        fast.close();
        anthropic.close();
        openai.close();
    }

    @Test
    void aStoredStreamIsServedOnTheFastPathAsTheBlockingPathServesItToEitherClient() throws IOException {
        assertSameHits("claude-sonnet-4-5", "stored as a stream", true, anthropic::requestCount,
                () -> anthropic.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames("a stream, stored"))));
    }

    @Test
    void aStoredMessageIsServedOnTheFastPathAsTheBlockingPathServesItToEitherClient() throws IOException {
        assertSameHits("claude-sonnet-4-5", "stored as a message", false, anthropic::requestCount,
                () -> anthropic.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson("msg_fast", "m",
                        "a message, stored"))));
    }

    @Test
    void aTranslatedAnswerIsRecordedOnTheFastPathAndServedAsTheBlockingPathServesIt() throws IOException {
        assertSameHits("local,qwen", "translated once", true, openai::requestCount,
                () -> openai.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks("Fast ", "and stored"))));
    }

    @Test
    void aNoCacheRefreshOnTheFastPathIsWhatTheNextCallGets() {
        anthropic.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson("msg_old", "m", "old")));
        anthropic.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson("msg_new", "m", "new")));
        double stores = CacheFixtures.metric(fast.get("/metrics").body(), "anyclaude_cache_stores_total");
        ask(fast, "claude-sonnet-4-5", "refresh me", false);
        await().until(() -> CacheFixtures.metric(fast.get("/metrics").body(), "anyclaude_cache_stores_total") > stores);

        double fastBefore = fastCalls(fast);
        HttpResponse<String> refresh = ask(fast, "claude-sonnet-4-5", "refresh me", false, "cache-control", "no-cache");
        // The next call gets the refreshed answer however soon it comes: it waits for it to be stored if need be.
        HttpResponse<String> after = ask(fast, "claude-sonnet-4-5", "refresh me", false);

        assertThat(fastCalls(fast) - fastBefore).isBetween(1.0, 2.0); // the refresh, and the next call unless it waited
        assertThat(refresh.headers().firstValue("x-anyclaude-cache")).hasValue("miss");
        assertThat(after.headers().firstValue("x-anyclaude-cache")).hasValue("hit");
        assertThat(after.body()).isEqualTo(refresh.body()).contains("\"new\"");
    }

    @Test
    void aBypassOnTheFastPathIsTaggedAndAsksTheBackend() {
        anthropic.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson("msg_by", "m", "bypassed")));
        int before = anthropic.requestCount();
        double fastBefore = fastCalls(fast);

        HttpResponse<String> bypass = ask(fast, "claude-sonnet-4-5", "bypass me", false, "x-anyclaude-cache", "bypass");

        assertThat(fastCalls(fast) - fastBefore).isEqualTo(1);
        assertThat(bypass.headers().firstValue("x-anyclaude-cache")).hasValue("bypass");
        assertThat(bypass.body()).contains("bypassed");
        assertThat(anthropic.requestCount() - before).isEqualTo(1);
    }

    /**
     * The miss (on the fast path, in the stored form {@code streamed}) asks the backend once for {@code answer}; then both client forms
     * hit on the fast path, and again on the blocking path from the same stored answer, the same bytes and headers
     * each time, and the backend is not asked again.
     */
    private static void assertSameHits(String model, String prompt, boolean streamed,
                                       java.util.function.IntSupplier upstreamRequests, Runnable answer)
            throws IOException {
        Path own = Files.createTempDirectory("anyclaude-cache-fast");
        int before;
        HttpResponse<String> miss;
        HttpResponse<String> fastHit;
        HttpResponse<String> fastOther;
        try (ProxyFixture proxy = startFast(own)) {
            answer.run();
            before = upstreamRequests.getAsInt();
            double fastBefore = fastCalls(proxy);
            double stores = CacheFixtures.metric(proxy.get("/metrics").body(), "anyclaude_cache_stores_total");
            miss = ask(proxy, model, prompt, streamed);
            // Stored off the IO thread: until it is in, an identical call waits for it on the blocking path.
            await().until(() -> CacheFixtures.metric(proxy.get("/metrics").body(), "anyclaude_cache_stores_total")
                    > stores);
            fastHit = ask(proxy, model, prompt, streamed);
            fastOther = ask(proxy, model, prompt, !streamed);
            assertThat(fastCalls(proxy) - fastBefore).as("calls on the fast path").isEqualTo(3);
        }
        HttpResponse<String> blockingHit;
        HttpResponse<String> blockingOther;
        try (ProxyFixture proxy = startBlocking(own)) {
            blockingHit = ask(proxy, model, prompt, streamed);
            blockingOther = ask(proxy, model, prompt, !streamed);
            assertThat(fastCalls(proxy)).as("calls on the fast path").isZero();
        }

        assertThat(upstreamRequests.getAsInt() - before).isEqualTo(1);
        assertThat(miss.headers().firstValue("x-anyclaude-cache")).hasValue("miss");
        assertThat(fastHit.headers().firstValue("x-anyclaude-cache")).hasValue("hit");
        assertThat(fastOther.headers().firstValue("x-anyclaude-cache")).hasValue("hit");
        assertThat(blockingHit.headers().firstValue("x-anyclaude-cache")).hasValue("hit");
        assertThat(fastHit.body()).isEqualTo(blockingHit.body()).isEqualTo(miss.body());
        assertThat(fastOther.body()).isEqualTo(blockingOther.body());
        assertThat(headers(fastHit)).isEqualTo(headers(blockingHit));
        assertThat(headers(fastOther)).isEqualTo(headers(blockingOther));
        HttpResponse<String> stream = streamed ? fastHit : fastOther;
        assertThat(stream.body()).startsWith("event: message_start\n")
                .endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        assertThat(stream.body().split("\n\n")).allSatisfy(frame -> assertThat(frame).startsWith("event: "));
    }

    private static HttpResponse<String> ask(ProxyFixture proxy, String model, String prompt, boolean stream,
                                            String... headers) {
        List<String> all = new java.util.ArrayList<>(List.of("x-api-key", "sk-ant-fast"));
        all.addAll(List.of(headers));
        HttpResponse<String> response = proxy.post("/v1/messages", CacheFixtures.body(model, prompt, stream),
                all.toArray(String[]::new));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    /** The response's headers but the two that differ per response (its id, its date). */
    private static Map<String, List<String>> headers(HttpResponse<String> response) {
        Map<String, List<String>> all = new TreeMap<>(response.headers().map());
        all.remove("request-id");
        all.remove("date");
        return all;
    }

    private static double fastCalls(ProxyFixture proxy) {
        return Math.max(0, CacheFixtures.metric(proxy.get("/metrics").body(), FAST_CALLS));
    }
}
