package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} in Prometheus format: requests by backend, model and status; tokens; time to first byte and
 * first token; upstream errors; estimated cost.
 */
class MetricsTest {
    @Test
    void requestsTokensAndLatencyAreExposed() {
        try (MockAnthropicServer upstream = new MockAnthropicServer().start();
             ProxyFixture proxy = ProxyFixture.anthropic(upstream.baseUrl())) {
            upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames()));
            upstream.enqueue(AnthropicFixtures.errorResponse(529, "Overloaded"));
            proxy.post("/v1/messages", "{\"model\":\"claude-x\",\"max_tokens\":5,\"stream\":true,\"messages\":[]}", "x-api-key", "k");
            proxy.post("/v1/messages", "{\"model\":\"claude-x\",\"max_tokens\":5,\"messages\":[]}", "x-api-key", "k");

            HttpResponse<String> metrics = proxy.get("/metrics");

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            assertThat(metrics.body())
                    .contains("anyclaude_requests_total{backend=\"claude\",model=\"claude-x\",status=\"200\"} 1.0")
                    .contains("anyclaude_requests_total{backend=\"claude\",model=\"claude-x\",status=\"529\"} 1.0")
                    .contains("anyclaude_tokens_total{backend=\"claude\",direction=\"in\"} 12.0")
                    .contains("anyclaude_tokens_total{backend=\"claude\",direction=\"out\"} 5.0")
                    .contains("anyclaude_time_to_first_byte_seconds_count{backend=\"claude\"} 2")
                    .contains("anyclaude_upstream_wait_seconds_count");
        }
    }

    @Test
    void upstreamErrorsTimeToFirstTokenAndCostAreExposed() {
        try (MockAnthropicServer upstream = new MockAnthropicServer().start();
             ProxyFixture proxy = ProxyFixture.start("""
                     {"backend":"claude","backends":{"claude":{"type":"anthropic","baseUrl":"%s",
                      "apiKeyEnv":"ANYCLAUDE_TEST_NO_SUCH_VARIABLE","price":{"inputPerMTok":3,"outputPerMTok":15}}}}"""
                     .formatted(upstream.baseUrl()))) {
            upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames()));
            upstream.enqueue(AnthropicFixtures.errorResponse(529, "Overloaded"));
            proxy.post("/v1/messages", "{\"model\":\"claude-x\",\"max_tokens\":5,\"stream\":true,\"messages\":[]}", "x-api-key", "k");
            proxy.post("/v1/messages", "{\"model\":\"claude-x\",\"max_tokens\":5,\"messages\":[]}", "x-api-key", "k");

            assertThat(proxy.get("/metrics").body())
                    .contains("anyclaude_upstream_errors_total{backend=\"claude\",status=\"529\"} 1.0")
                    .contains("anyclaude_time_to_first_token_seconds_count{backend=\"claude\"} 1")
                    .contains("anyclaude_time_to_first_token_seconds_bucket{backend=\"claude\",le=")
                    .contains("anyclaude_cost_usd_total{backend=\"claude\"} " + (12 * 3 + 5 * 15) / 1e6);
        }
    }

    @Test
    void aBadPriceIsAConfigErrorNamingTheField() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProxyFixture.start(
                        "{\"backend\":\"claude\",\"backends\":{\"claude\":{\"type\":\"anthropic\",\"price\":{\"inputPerMTok\":\"cheap\"}}}}"))
                .isInstanceOf(dev.anyclaude.core.config.ConfigException.class)
                .hasMessageContaining("backends.claude.price.inputPerMTok");
    }
}
