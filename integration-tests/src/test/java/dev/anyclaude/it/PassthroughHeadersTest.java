package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.RecordedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What crosses the wire to the upstream on the passthrough lane: headers, query string and body, unchanged. */
class PassthroughHeadersTest {
    private static final String BODY = "{\"model\":\"claude-x\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
            + "\"future_field\":{\"keep\":[1, 2.50, \"me\"]}}";

    private static MockAnthropicServer upstream;
    private static ProxyFixture proxy;

    @BeforeAll
    static void start() {
        upstream = new MockAnthropicServer().start();
        upstream.setDefault(MockResponse.json(200, AnthropicFixtures.messageJson()));
        proxy = ProxyFixture.anthropic(upstream.baseUrl());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        upstream.close();
    }

    private RecordedRequest send(String path, String... headers) throws InterruptedException {
        HttpResponse<String> response = proxy.post(path, BODY, headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return upstream.takeRequest(Duration.ofSeconds(5));
    }

    @Test
    void xApiKeyPassesUnchanged() throws InterruptedException {
        RecordedRequest seen = send("/v1/messages", "x-api-key", "sk-ant-client-1", "anthropic-version", "2023-06-01");
        assertThat(seen.header("x-api-key")).isEqualTo("sk-ant-client-1");
        assertThat(seen.header("authorization")).isNull();
    }

    @Test
    void bearerTokenPassesUnchanged() throws InterruptedException {
        RecordedRequest seen = send("/v1/messages", "authorization", "Bearer sk-ant-oat-2");
        assertThat(seen.header("authorization")).isEqualTo("Bearer sk-ant-oat-2");
        assertThat(seen.header("x-api-key")).isNull();
    }

    @Test
    void unknownAnthropicVersionAndBetaFlagsPassUnchanged() throws InterruptedException {
        RecordedRequest seen = send("/v1/messages", "x-api-key", "k", "anthropic-version", "2031-12-31",
                "anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14,never-heard-of-it-2030-01-01");
        assertThat(seen.header("anthropic-version")).isEqualTo("2031-12-31");
        assertThat(seen.header("anthropic-beta"))
                .isEqualTo("claude-code-20250219,interleaved-thinking-2025-05-14,never-heard-of-it-2030-01-01");
    }

    @Test
    void queryStringAndExactBodyBytesReachTheUpstream() throws InterruptedException {
        RecordedRequest seen = send("/v1/messages?beta=true", "x-api-key", "k", "user-agent", "claude-cli/2.1.331 (external, cli)",
                "x-app", "cli");
        assertThat(seen.path()).isEqualTo("/v1/messages");
        assertThat(seen.queryString()).isEqualTo("beta=true");
        assertThat(seen.bodyUtf8()).isEqualTo(BODY);
        assertThat(seen.header("user-agent")).isEqualTo("claude-cli/2.1.331 (external, cli)");
        assertThat(seen.header("x-app")).isEqualTo("cli");
    }

    @Test
    void anyclaudesOwnHeadersStayHome() throws InterruptedException {
        RecordedRequest seen = send("/v1/messages", "x-api-key", "k", "x-anyclaude-cache", "bypass");
        assertThat(seen.header("x-anyclaude-cache")).isNull();
    }

    @Test
    void countTokensAndModelsAreForwardedToo() throws InterruptedException {
        upstream.enqueue("/v1/messages/count_tokens", MockResponse.json(200, AnthropicFixtures.countTokensJson(42)));
        HttpResponse<String> count = proxy.post("/v1/messages/count_tokens", "{\"model\":\"m\",\"messages\":[]}", "x-api-key", "k");
        assertThat(count.body()).isEqualTo("{\"input_tokens\":42}");
        assertThat(upstream.takeRequest(Duration.ofSeconds(5)).path()).isEqualTo("/v1/messages/count_tokens");

        upstream.enqueue("/v1/models", MockResponse.json(200, AnthropicFixtures.modelsJson("claude-x")));
        HttpResponse<String> models = proxy.get("/v1/models");
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(models.body()).contains("\"id\":\"claude-x\"");
        assertThat(upstream.takeRequest(Duration.ofSeconds(5)).method()).isEqualTo("GET");
    }
}
