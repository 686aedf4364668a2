package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin guide's example ({@code docs/examples/echo-plugin}) built as a separate Maven project against this
 * build's plugin-api, dropped into a plugins folder, and serving requests through a real proxy.
 */
class ExamplePluginTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path plugins;

    @BeforeAll
    static void buildTheExample() throws Exception {
        Path work = Path.of("target/example-plugin").toAbsolutePath();
        Path jar = ExamplePluginBuild.build(Files.createDirectories(work));
        plugins = work.resolve("plugins");
        ExamplePluginBuild.delete(plugins);
        Files.createDirectories(plugins);
        Files.copy(jar, plugins.resolve(jar.getFileName()));
    }

    @Test
    void theJarCarriesThePf4jManifestAndExtensionIndex() throws Exception {
        try (JarFile jar = new JarFile(Files.list(plugins).findFirst().orElseThrow().toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Plugin-Id")).isEqualTo("echo-example");
            assertThat(jar.getManifest().getMainAttributes().getValue("Plugin-Version")).isEqualTo("1.0.0");
            assertThat(new String(jar.getInputStream(jar.getEntry("META-INF/extensions.idx")).readAllBytes()))
                    .contains("com.example.anyclaude.echo.EchoBackendFactory")
                    .contains("com.example.anyclaude.echo.ShoutMiddlewareFactory");
            assertThat(jar.getEntry("dev/anyclaude/api/Backend.class")).as("plugin-api is provided, not bundled").isNull();
        }
    }

    @Test
    void theExampleBackendAndMiddlewareServeRequestsFromAPluginsFolder() throws Exception {
        try (ProxyFixture proxy = ProxyFixture.start("""
                {"backend":"parrot",
                 "backends":{"parrot":{"type":"echo","prefix":"you said: "},
                             "quiet":{"type":"echo","prefix":"you said: ","shout":false}},
                 "shout":{}}""", plugins)) {
            HttpResponse<String> loud = proxy.post("/v1/messages",
                    "{\"model\":\"any\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
            assertThat(loud.statusCode()).as(loud.body()).isEqualTo(200);
            JsonNode message = JSON.readTree(loud.body());
            assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("YOU SAID: HELLO");
            assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");

            HttpResponse<String> stream = proxy.post("/v1/messages",
                    "{\"model\":\"quiet,any\",\"max_tokens\":20,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(stream.body()).contains("event: content_block_delta")
                    .contains("\"text\":\"you said: hi\"").contains("event: message_stop");
        }
    }
}
