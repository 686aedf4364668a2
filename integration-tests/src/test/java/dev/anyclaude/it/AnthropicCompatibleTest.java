package dev.anyclaude.it;

import static dev.anyclaude.it.OllamaBackendTest.CLAUDE_CODE_LIKE;
import static dev.anyclaude.it.OllamaBackendTest.stream;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.RecordedRequest;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Type {@code anthropic} with {@code "mode": "compatible"}, the way llama.cpp's or vLLM's {@code /v1/messages}
 * is configured: the strict mock accepts the reshaped request, allowed beta flags pass, the configured key
 * replaces the client's.
 */
class AnthropicCompatibleTest {
    private MockAnthropicServer server;
    private ProxyFixture proxy;
    private AnthropicClient sdk;

    @BeforeEach
    void start() {
        server = new MockAnthropicServer().start();
        proxy = ProxyFixture.start("{\"backend\":\"llama\",\"backends\":{\"llama\":{\"type\":\"anthropic\",\"mode\":"
                + "\"compatible\",\"baseUrl\":\"" + server.baseUrl() + "/v1\",\"apiKey\":\"llama-key\",\"model\":"
                + "\"qwen3-coder\",\"compat\":{\"allowedBetas\":[\"interleaved-thinking-2025-05-14\"]}}}}");
        sdk = AnthropicOkHttpClient.builder().baseUrl(proxy.url()).apiKey("client-key").maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @AfterEach
    void stop() {
        sdk.close();
        proxy.close();
        server.close();
    }

    @Test
    void compatibleModeReshapesTheRequestAndKeepsOnlyAllowedBetas() throws Exception {
        server.dispatch(MockAnthropicServer.MESSAGES, StrictAnthropicCompatible.dispatcher(
                Set.of("interleaved-thinking-2025-05-14"),
                body -> MockResponse.sse(AnthropicFixtures.textStreamFrames("llama says hi"))));

        assertThat(stream(sdk, CLAUDE_CODE_LIKE).content().getFirst().text().orElseThrow().text())
                .isEqualTo("llama says hi");
        RecordedRequest seen = server.takeRequest(Duration.ofSeconds(5));
        assertThat(seen.header("anthropic-beta")).isEqualTo("interleaved-thinking-2025-05-14");
        assertThat(seen.header("x-api-key")).isEqualTo("llama-key");
        assertThat(seen.header("authorization")).isEqualTo("Bearer llama-key");
        assertThat(ClaudeCodeRequests.body(seen).path("model").asText()).isEqualTo("qwen3-coder");
    }
}
