package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anyclaude.testkit.MockOpenAiServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.OpenAiFixtures;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code openrouter} plugin JAR holds only its own classes and reaches the translation through its PF4J
 * dependency on {@code openai}: with both JARs in a folder it serves requests, without {@code openai} PF4J refuses to start, naming the missing dependency.
 */
class OpenRouterPluginDependencyTest {
    private static final String CONFIG = """
            {"backend":"router","backends":{"router":{"type":"openrouter","baseUrl":"%s","apiKey":"k",
             "model":"qwen/qwen3-coder"}}}""";

    @Test
    void withTheOpenAiPluginBesideItTheBackendServes(@TempDir Path folder) throws IOException {
        Files.copy(TestPlugins.jar("openrouter"), folder.resolve("openrouter.jar"));
        Files.copy(TestPlugins.jar("openai"), folder.resolve("openai.jar"));
        try (MockOpenAiServer upstream = new MockOpenAiServer().start();
             ProxyFixture proxy = ProxyFixture.start(CONFIG.formatted(upstream.baseUrl() + "/v1"), folder)) {
            upstream.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks("ok")));

            HttpResponse<String> response = proxy.post("/v1/messages",
                    "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"text\":\"ok\"");
        }
    }

    @Test
    void withoutTheOpenAiPluginTheProxyRefusesToStartAndNamesIt(@TempDir Path folder) throws IOException {
        Files.copy(TestPlugins.jar("openrouter"), folder.resolve("openrouter.jar"));

        assertThatThrownBy(() -> ProxyFixture.start(CONFIG.formatted("http://127.0.0.1:9/v1"), folder).close())
                .hasMessageContaining("Dependencies '[openai]' not found");
    }
}
