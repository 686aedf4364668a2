package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anyclaude.core.config.ConfigException;
import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins are real PF4J JARs: dropping one into an empty folder is all it takes. */
class PluginLoadingTest {

    @Test
    void freshlyBuiltPluginJarDroppedIntoAnEmptyFolderServesRequests(@TempDir Path folder) throws IOException {
        Files.copy(TestPlugins.jar("anthropic"), folder.resolve("anthropic.jar"));
        try (MockAnthropicServer upstream = new MockAnthropicServer().start();
             ProxyFixture proxy = ProxyFixture.start("""
                     {"backend":"claude","backends":{"claude":{"type":"claude","baseUrl":"%s"}}}"""
                     .formatted(upstream.baseUrl()), folder)) {
            upstream.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson()));

            HttpResponse<String> response = proxy.post("/v1/messages",
                    "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}", "x-api-key", "k");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(AnthropicFixtures.messageJson());
            assertThat(upstream.requestCount()).isEqualTo(1);
            assertThat(proxy.get("/health").body()).contains("\"claude\":{\"type\":\"anthropic\",\"status\":\"up\"}");
        }
    }

    @Test
    void withoutThePluginTheBackendTypeIsUnknownAndTheErrorSaysSo(@TempDir Path emptyFolder) {
        assertThatThrownBy(() -> ProxyFixture.start("{\"backend\":\"claude\",\"backends\":{\"claude\":{\"type\":\"anthropic\"}}}",
                emptyFolder))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backends.claude.type: unknown backend type 'anthropic'")
                .hasMessageContaining("no backend plugin was loaded");
    }
}
