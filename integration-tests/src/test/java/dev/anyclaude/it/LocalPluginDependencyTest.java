package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ollama and lmstudio plugins reuse the anthropic and openai plugins through PF4J plugin dependencies: with
 * their dependencies' JARs beside them they serve; without them PF4J refuses them, naming what is missing.
 */
class LocalPluginDependencyTest {

    @Test
    void ollamaServesWithItsDependencyJarsBesideIt(@TempDir Path folder) throws IOException {
        for (String name : new String[] {"ollama", "anthropic", "openai"}) {
            Files.copy(TestPlugins.jar(name), folder.resolve(name + ".jar"));
        }
        try (MockAnthropicServer ollama = new MockAnthropicServer().start();
             ProxyFixture proxy = ProxyFixture.start("{\"backend\":\"o\",\"backends\":{\"o\":{\"type\":\"ollama\","
                     + "\"baseUrl\":\"" + ollama.baseUrl() + "\"}}}", folder)) {
            ollama.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson()));

            HttpResponse<String> response = proxy.post("/v1/messages",
                    "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(proxy.get("/health").body())
                    .contains("\"o\":{\"type\":\"ollama\",\"status\":\"up\",\"detail\":\"api: anthropic\"}");
        }
    }

    @Test
    void lmstudioWithoutItsDependenciesIsRefusedWithANamedReason(@TempDir Path folder) throws IOException {
        Files.copy(TestPlugins.jar("lmstudio"), folder.resolve("lmstudio.jar"));

        assertThatThrownBy(() -> ProxyFixture.start(
                "{\"backend\":\"l\",\"backends\":{\"l\":{\"type\":\"lmstudio\"}}}", folder).close())
                .hasStackTraceContaining("anthropic").hasStackTraceContaining("openai");
    }
}
