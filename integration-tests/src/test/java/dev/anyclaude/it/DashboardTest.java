package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /dashboard}: the live page and the state it polls. */
class DashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STREAM = "{\"model\":\"claude-x\",\"max_tokens\":5,\"stream\":true,\"messages\":[]}";

    private static ProxyFixture proxy(MockAnthropicServer upstream) {
        return ProxyFixture.start("""
                {"backend":"claude","backends":{
                  "claude":{"type":"anthropic","baseUrl":"%s","apiKey":"sk-ant-configured-secret-7",
                            "description":"the mock","price":{"inputPerMTok":3,"outputPerMTok":15}},
                  "spare":{"type":"openai","baseUrl":"http://127.0.0.1:9/v1","apiKey":"sk-spare-secret-8"}},
                 "router":{"models":{"*haiku*":"spare,qwen"},"fallback":["spare"]}}""".formatted(upstream.baseUrl()));
    }

    @Test
    void stateShowsBackendsRoutesTotalsAndTheRequestJustMadeWithoutSecrets() throws Exception {
        try (MockAnthropicServer upstream = new MockAnthropicServer().start(); ProxyFixture proxy = proxy(upstream)) {
            upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames()));
            assertThat(proxy.post("/v1/messages", STREAM, "x-api-key", "sk-client-secret-9").statusCode()).isEqualTo(200);

            HttpResponse<String> response = proxy.get("/dashboard/api/state");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).doesNotContain("sk-ant-configured-secret-7").doesNotContain("sk-spare-secret-8")
                    .doesNotContain("sk-client-secret-9").doesNotContain(upstream.baseUrl());
            JsonNode state = JSON.readTree(response.body());
            assertThat(state.path("defaultBackend").asText()).isEqualTo("claude");
            JsonNode claude = state.path("backends").get(0);
            assertThat(claude.path("name").asText()).isEqualTo("claude");
            assertThat(claude.path("status").asText()).isEqualTo("up");
            assertThat(claude.path("description").asText()).isEqualTo("the mock");
            assertThat(claude.path("requests").asLong()).isEqualTo(1);
            assertThat(claude.path("tokensIn").asLong()).isEqualTo(12);
            assertThat(state.path("routes").toString()).contains("\"rule\":\"models *haiku*\",\"target\":\"spare,qwen\"")
                    .contains("\"rule\":\"fallback\",\"target\":\"spare\"");
            assertThat(state.path("recent")).hasSize(1);
            JsonNode latest = state.path("recent").get(0);
            assertThat(latest.path("id").asText()).startsWith("req_");
            assertThat(latest.path("backend").asText()).isEqualTo("claude");
            assertThat(latest.path("model").asText()).isEqualTo("claude-x");
            assertThat(latest.path("status").asInt()).isEqualTo(200);
            assertThat(latest.path("tokensOut").asLong()).isEqualTo(5);
            assertThat(latest.path("ttftMs").isNumber()).isTrue();
            assertThat(latest.path("costUsd").asDouble()).isEqualTo((12 * 3 + 5 * 15) / 1e6);
            assertThat(state.path("totals").path("costUsd").asDouble()).isEqualTo((12 * 3 + 5 * 15) / 1e6);
            assertThat(state.path("cache").path("present").asBoolean()).isFalse();
            assertThat(state.path("mlx").isEmpty()).isTrue();
        }
    }

    @Test
    void cacheFiguresComeFromAnyMeterNamedAnyclaudeCache() throws Exception {
        try (MockAnthropicServer upstream = new MockAnthropicServer().start(); ProxyFixture proxy = proxy(upstream)) {
            proxy.metrics().counter("anyclaude.cache.hits", "tier", "heap").increment(3);
            proxy.metrics().counter("anyclaude.cache.misses").increment(1);

            JsonNode cache = JSON.readTree(proxy.get("/dashboard/api/state").body()).path("cache");

            assertThat(cache.path("present").asBoolean()).isTrue();
            assertThat(cache.path("hits").asDouble()).isEqualTo(3);
            assertThat(cache.path("misses").asDouble()).isEqualTo(1);
            assertThat(cache.path("hitRatio").asDouble()).isEqualTo(0.75);
            assertThat(cache.path("meters").toString()).contains("\"name\":\"anyclaude.cache.hits\",\"tags\":{\"tier\":\"heap\"}");
        }
    }

    @Test
    void stateNeedsTheTokenWhenTheProxyHasOneButThePageDoesNot() {
        try (MockAnthropicServer upstream = new MockAnthropicServer().start();
             ProxyFixture proxy = ProxyFixture.startWithToken("{\"backend\":\"claude\",\"backends\":{\"claude\":{\"type\":"
                     + "\"anthropic\",\"baseUrl\":\"" + upstream.baseUrl() + "\"}}}", "t0ken-for-one-session")) {
            assertThat(proxy.get("/dashboard/").statusCode()).isEqualTo(200);
            assertThat(proxy.get("/dashboard/api/state").statusCode()).isEqualTo(401);
            HttpResponse<String> withToken = proxy.send(HttpRequest.newBuilder(URI.create(proxy.url() + "/dashboard/api/state"))
                    .header("x-anyclaude-token", "t0ken-for-one-session").build());
            assertThat(withToken.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void pageIsServedWithItsScriptAndStyleAndRedirectsTheBarePath() {
        try (MockAnthropicServer upstream = new MockAnthropicServer().start(); ProxyFixture proxy = proxy(upstream)) {
            HttpResponse<String> page = proxy.get("/dashboard/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
            assertThat(page.body()).contains("<script src=\"dashboard.js\"").contains("dashboard.css");
            assertThat(proxy.get("/dashboard/dashboard.js").body()).contains("api/state");
            assertThat(proxy.get("/dashboard/dashboard.css").statusCode()).isEqualTo(200);
            assertThat(proxy.get("/dashboard").statusCode()).isEqualTo(308);
            assertThat(proxy.get("/dashboard/nothing-here").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void pageLoadsInHeadlessChromiumAndShowsTheRequestJustMadeWithoutConsoleErrors(@TempDir Path scratch) throws Exception {
        try (MockAnthropicServer upstream = new MockAnthropicServer().start(); ProxyFixture proxy = proxy(upstream)) {
            upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames()));
            assertThat(proxy.post("/v1/messages", STREAM, "x-api-key", "sk-client-secret-9").statusCode()).isEqualTo(200);
            String id = JSON.readTree(proxy.get("/dashboard/api/state").body()).path("recent").get(0).path("id").asText();

            JsonNode seen = JSON.readTree(HeadlessChromium.checkDashboard(proxy.url() + "/dashboard/", id, scratch));

            assertThat(seen.path("failure").isMissingNode()).as(seen.toString()).isTrue();
            assertThat(seen.path("loaded").asBoolean()).isTrue();
            assertThat(seen.path("row").asText()).contains(id).contains("claude").contains("claude-x").contains("200")
                    .contains("12 / 5");
            assertThat(seen.path("backendHealth").asText()).contains("claude (default)").contains("up");
            assertThat(seen.path("connection").asText()).isEqualTo("live");
            assertThat(seen.path("consoleErrors")).as(seen.toString()).isEmpty();
        }
    }
}
