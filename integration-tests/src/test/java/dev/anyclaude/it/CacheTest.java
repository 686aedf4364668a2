package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockOpenAiServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.OpenAiFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cache middleware in the real proxy, in front of the Anthropic passthrough (raw SSE and JSON answers) and of
 * the OpenAI translation (event answers): hits, misses and bypasses for both client forms and both stored forms,
 * tenants, and the answers that must never be stored.
 */
class CacheTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static MockAnthropicServer anthropic;
    private static MockOpenAiServer openai;
    private static ProxyFixture proxy;
    private static Path cacheDir;

    @BeforeAll
    static void start() throws IOException {
        anthropic = new MockAnthropicServer().start();
        openai = new MockOpenAiServer().start();
        cacheDir = Files.createTempDirectory("anyclaude-cache");
        proxy = ProxyFixture.start(CacheFixtures.config(cacheDir, anthropic, openai));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        anthropic.close();
        openai.close();
    }

    private static HttpResponse<String> ask(String model, String prompt, boolean stream, String... headers) {
        List<String> all = new ArrayList<>(List.of("x-api-key", "sk-ant-alice"));
        all.addAll(List.of(headers));
        return proxy.post("/v1/messages", CacheFixtures.body(model, prompt, stream), all.toArray(String[]::new));
    }

    private static String cacheHeader(HttpResponse<String> response) {
        return response.headers().firstValue("x-anyclaude-cache").orElse("(none)");
    }

    private static String text(String json) {
        try {
            JsonNode message = MAPPER.readTree(json);
            StringBuilder text = new StringBuilder();
            message.path("content").forEach(block -> text.append(block.path("text").asText()));
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aStreamedAnswerIsServedAgainByteForByteWithoutTheBackend() {
        anthropic.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames("streamed once")));
        int before = anthropic.requestCount();

        HttpResponse<String> miss = ask("claude-sonnet-4-5", "stream me", true);
        HttpResponse<String> hit = ask("claude-sonnet-4-5", "stream me", true);

        assertThat(cacheHeader(miss)).isEqualTo("miss");
        assertThat(cacheHeader(hit)).isEqualTo("hit");
        assertThat(hit.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(hit.body()).isEqualTo(miss.body())
                .isEqualTo(AnthropicFixtures.join(AnthropicFixtures.textStreamFrames("streamed once")));
        assertThat(anthropic.requestCount() - before).isEqualTo(1);
    }

    @Test
    void aJsonAnswerIsServedAgainByteForByteWithoutTheBackend() {
        String json = AnthropicFixtures.messageJson("msg_json", "m", "whole once");
        anthropic.enqueue(MockResponse.json(200, json));
        int before = anthropic.requestCount();

        HttpResponse<String> miss = ask("claude-sonnet-4-5", "json me", false);
        HttpResponse<String> hit = ask("claude-sonnet-4-5", "json me", false);

        assertThat(cacheHeader(miss)).isEqualTo("miss");
        assertThat(cacheHeader(hit)).isEqualTo("hit");
        assertThat(hit.body()).isEqualTo(json);
        assertThat(anthropic.requestCount() - before).isEqualTo(1);
    }

    @Test
    void aStoredStreamServesAJsonClientAndAStoredMessageServesAStreamingClient() throws IOException {
        anthropic.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames("from a stream")));
        anthropic.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson("msg_j", "m", "from a message")));
        int before = anthropic.requestCount();

        ask("claude-sonnet-4-5", "stored as sse", true);
        HttpResponse<String> asJson = ask("claude-sonnet-4-5", "stored as sse", false);
        ask("claude-sonnet-4-5", "stored as json", false);
        HttpResponse<String> asStream = ask("claude-sonnet-4-5", "stored as json", true);

        assertThat(anthropic.requestCount() - before).isEqualTo(2);
        assertThat(cacheHeader(asJson)).isEqualTo("hit");
        assertThat(asJson.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(text(asJson.body())).isEqualTo("from a stream");
        assertThat(MAPPER.readTree(asJson.body()).path("stop_reason").asText()).isEqualTo("end_turn");

        assertThat(cacheHeader(asStream)).isEqualTo("hit");
        assertThat(asStream.body()).startsWith("event: message_start\n").contains("\"text\":\"from a message\"")
                .endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }

    @Test
    void translatedAnswersAreCachedForBothForms() {
        openai.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks("Trans", "lated")));
        int before = openai.requestCount();

        HttpResponse<String> miss = ask("local,qwen", "translate me", true);
        HttpResponse<String> streamHit = ask("local,qwen", "translate me", true);
        HttpResponse<String> jsonHit = ask("local,qwen", "translate me", false);

        assertThat(openai.requestCount() - before).isEqualTo(1);
        assertThat(cacheHeader(miss)).isEqualTo("miss");
        assertThat(cacheHeader(streamHit)).isEqualTo("hit");
        assertThat(streamHit.body()).isEqualTo(miss.body()).contains("Trans").endsWith("data: {\"type\":\"message_stop\"}\n\n");
        assertThat(cacheHeader(jsonHit)).isEqualTo("hit");
        assertThat(text(jsonHit.body())).isEqualTo("Translated");
    }

    @Test
    void bypassHeadersGoToTheBackendAndNoCacheRefreshesTheStoredAnswer() {
        anthropic.setDefault(MockResponse.json(200, AnthropicFixtures.messageJson("msg_d", "m", "first")));
        try {
            ask("claude-sonnet-4-5", "bypass me", false);
            int before = anthropic.requestCount();

            HttpResponse<String> bypass = ask("claude-sonnet-4-5", "bypass me", false, "x-anyclaude-cache", "bypass");
            HttpResponse<String> noStore = ask("claude-sonnet-4-5", "bypass me", false, "cache-control", "no-store");
            assertThat(cacheHeader(bypass)).isEqualTo("bypass");
            assertThat(cacheHeader(noStore)).isEqualTo("bypass");
            assertThat(anthropic.requestCount() - before).isEqualTo(2);

            anthropic.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames("streamed, bypassed")));
            HttpResponse<String> streamBypass = ask("claude-sonnet-4-5", "bypass me", true, "x-anyclaude-cache", "bypass");
            assertThat(cacheHeader(streamBypass)).isEqualTo("bypass");
            assertThat(streamBypass.body()).contains("streamed, bypassed");
            before++;

            anthropic.setDefault(MockResponse.json(200, AnthropicFixtures.messageJson("msg_d", "m", "refreshed")));
            HttpResponse<String> refresh = ask("claude-sonnet-4-5", "bypass me", false, "cache-control", "no-cache");
            HttpResponse<String> after = ask("claude-sonnet-4-5", "bypass me", false);
            assertThat(cacheHeader(refresh)).isEqualTo("miss");
            assertThat(cacheHeader(after)).isEqualTo("hit");
            assertThat(text(after.body())).isEqualTo("refreshed");
            assertThat(anthropic.requestCount() - before).isEqualTo(3);
        } finally {
            anthropic.setDefault(null);
        }
    }

    @Test
    void aBackendWithTheCacheSwitchedOffAlwaysAsksTheBackend() {
        anthropic.setDefault(MockResponse.json(200, AnthropicFixtures.messageJson("msg_u", "m", "uncached")));
        try {
            int before = anthropic.requestCount();

            HttpResponse<String> first = ask("uncached,claude-sonnet-4-5", "no cache here", false);
            HttpResponse<String> second = ask("uncached,claude-sonnet-4-5", "no cache here", false);

            assertThat(first.headers().firstValue("x-anyclaude-cache")).isEmpty();
            assertThat(second.headers().firstValue("x-anyclaude-cache")).isEmpty();
            assertThat(anthropic.requestCount() - before).isEqualTo(2);
        } finally {
            anthropic.setDefault(null);
        }
    }

    @Test
    void oneTenantNeverGetsAnotherTenantsAnswer() {
        anthropic.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson("msg_a", "m", "for alice")));
        anthropic.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson("msg_b", "m", "for bob")));
        String body = CacheFixtures.body("claude-sonnet-4-5", "whose answer", false);

        HttpResponse<String> alice = proxy.post("/v1/messages", body, "x-api-key", "sk-ant-alice");
        HttpResponse<String> bob = proxy.post("/v1/messages", body, "authorization", "Bearer sk-ant-bob");
        HttpResponse<String> aliceAgain = proxy.post("/v1/messages", body, "x-api-key", "sk-ant-alice");

        assertThat(cacheHeader(bob)).isEqualTo("miss");
        assertThat(text(bob.body())).isEqualTo("for bob");
        assertThat(cacheHeader(aliceAgain)).isEqualTo("hit");
        assertThat(aliceAgain.body()).isEqualTo(alice.body());
    }

    @Test
    void errorsAreNeverStored() {
        anthropic.enqueue(AnthropicFixtures.errorResponse(529, "Overloaded"));
        anthropic.enqueue(AnthropicFixtures.errorResponse(400, "bad"));
        anthropic.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson("msg_e", "m", "after errors")));
        int before = anthropic.requestCount();

        assertThat(ask("claude-sonnet-4-5", "error me", false).statusCode()).isEqualTo(529);
        assertThat(ask("claude-sonnet-4-5", "error me", false).statusCode()).isEqualTo(400);
        HttpResponse<String> ok = ask("claude-sonnet-4-5", "error me", false);

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(cacheHeader(ok)).isEqualTo("miss");
        assertThat(anthropic.requestCount() - before).isEqualTo(3);
    }

    @Test
    void streamsThatFailOrAreCutAreNeverStored() {
        List<String> complete = AnthropicFixtures.textStreamFrames("cut");
        anthropic.enqueue(MockResponse.sse(AnthropicFixtures.midStreamErrorFrames()));
        anthropic.enqueue(MockResponse.sse(complete.subList(0, 4)).thenDisconnect());
        anthropic.enqueue(MockResponse.sse(complete));
        int before = anthropic.requestCount();

        assertThat(ask("claude-sonnet-4-5", "fail me", true).body()).contains("event: error");
        assertThat(ask("claude-sonnet-4-5", "fail me", true).body()).contains("event: error");
        HttpResponse<String> whole = ask("claude-sonnet-4-5", "fail me", true);
        HttpResponse<String> hit = ask("claude-sonnet-4-5", "fail me", true);

        assertThat(cacheHeader(whole)).isEqualTo("miss");
        assertThat(cacheHeader(hit)).isEqualTo("hit");
        assertThat(anthropic.requestCount() - before).isEqualTo(3);
    }

    @Test
    void aStreamWhoseClientLeftIsNeverStored() throws Exception {
        java.util.concurrent.CountDownLatch rest = new java.util.concurrent.CountDownLatch(1);
        List<String> frames = AnthropicFixtures.textStreamFrames("left early");
        anthropic.enqueue(MockResponse.sse(frames).gateBefore(2, rest));
        anthropic.enqueue(MockResponse.sse(frames));
        int before = anthropic.requestCount();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> leaving = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(proxy.url() + "/v1/messages"))
                .header("content-type", "application/json").header("x-api-key", "sk-ant-alice")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        CacheFixtures.body("claude-sonnet-4-5", "leave early", true))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(leaving.body().read()).isPositive();
        leaving.body().close();
        http.close();
        rest.countDown();

        HttpResponse<String> next = ask("claude-sonnet-4-5", "leave early", true);

        assertThat(cacheHeader(next)).isEqualTo("miss");
        assertThat(next.body()).isEqualTo(AnthropicFixtures.join(frames));
        assertThat(anthropic.requestCount() - before).isEqualTo(2);
    }

    @Test
    void answersCutByMaxTokensAreNotStored() {
        List<String> truncated = AnthropicFixtures.textStreamFrames("trunc").stream()
                .map(frame -> frame.replace("end_turn", "max_tokens")).toList();
        anthropic.enqueue(MockResponse.sse(truncated));
        anthropic.enqueue(MockResponse.sse(truncated));
        int before = anthropic.requestCount();

        ask("claude-sonnet-4-5", "truncate me", true);
        HttpResponse<String> again = ask("claude-sonnet-4-5", "truncate me", true);

        assertThat(cacheHeader(again)).isEqualTo("miss");
        assertThat(anthropic.requestCount() - before).isEqualTo(2);
    }

    @Test
    void theSdkReadsAHitAsAMessageAndAsAStream() {
        anthropic.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson("msg_sdk", "m", "Hi from the cache.")));
        MessageCreateParams params = MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(64)
                .addUserMessage("sdk prompt").build();
        AnthropicClient sdk = AnthropicOkHttpClient.builder().baseUrl(proxy.url()).apiKey("sk-ant-sdk")
                .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
        try {
            Message first = sdk.messages().create(params);
            MessageAccumulator accumulator = MessageAccumulator.create();
            try (StreamResponse<RawMessageStreamEvent> stream = sdk.messages().createStreaming(params)) {
                stream.stream().forEach(accumulator::accumulate);
            }
            Message replayed = accumulator.message();

            assertThat(first.content().getFirst().text().orElseThrow().text()).isEqualTo("Hi from the cache.");
            assertThat(replayed.content().getFirst().text().orElseThrow().text()).isEqualTo("Hi from the cache.");
            assertThat(replayed.id()).isEqualTo("msg_sdk");
        } finally {
            sdk.close();
        }
    }

    @Test
    void countersReachTheMetricsEndpoint() {
        anthropic.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson("msg_m", "m", "metered")));
        ask("claude-sonnet-4-5", "meter me", false);
        ask("claude-sonnet-4-5", "meter me", false);

        String metrics = proxy.get("/metrics").body();

        assertThat(metrics).contains("anyclaude_cache_hits_total{backend=\"claude\"}",
                "anyclaude_cache_misses_total{backend=\"claude\"}", "anyclaude_cache_stores_total",
                "anyclaude_cache_entries", "anyclaude_cache_disk_bytes", "anyclaude_cache_hit_bytes_total");
        assertThat(CacheFixtures.metric(metrics, "anyclaude_cache_entries")).isGreaterThanOrEqualTo(1);
    }
}
