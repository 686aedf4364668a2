package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.RecordedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A proxy started for one Claude Code session answers only requests that carry its token, and keeps it home. */
class TokenGuardTest {
    private static final String BODY = "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}";

    @Test
    void requestsWithoutTheTokenAre401AndTheTokenNeverGoesUpstream() throws Exception {
        try (MockAnthropicServer upstream = new MockAnthropicServer().start();
             ProxyFixture proxy = ProxyFixture.startWithToken("""
                     {"backend":"claude","backends":{"claude":{"type":"anthropic","baseUrl":"%s",
                      "apiKeyEnv":"ANYCLAUDE_TEST_NO_SUCH_VARIABLE"}}}""".formatted(upstream.baseUrl()), "s3cret-token")) {
            upstream.setDefault(MockResponse.json(200, AnthropicFixtures.messageJson()));

            HttpResponse<String> none = proxy.post("/v1/messages", BODY, "x-api-key", "k");
            HttpResponse<String> wrong = proxy.post("/v1/messages", BODY, "x-api-key", "k", "x-anyclaude-token", "guess");
            HttpResponse<String> models = proxy.get("/v1/models");
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.body()).contains("authentication_error").contains("x-anyclaude-token");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).doesNotContain("guess");
            assertThat(models.statusCode()).isEqualTo(401);
            assertThat(upstream.requestCount()).isZero();
            assertThat(proxy.get("/health").statusCode()).isEqualTo(200);

            HttpResponse<String> right = proxy.post("/v1/messages", BODY, "x-api-key", "k", "x-anyclaude-token", "s3cret-token");
            assertThat(right.statusCode()).isEqualTo(200);
            RecordedRequest seen = upstream.takeRequest(Duration.ofSeconds(5));
            assertThat(seen.header("x-anyclaude-token")).isNull();
            assertThat(seen.header("x-api-key")).isEqualTo("k");
        }
    }
}
