package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.core.app.AnyclaudeProxy;
import dev.anyclaude.core.app.ProxyHome;
import dev.anyclaude.core.app.StartUpWork;
import dev.anyclaude.core.config.ConfigLoader;
import dev.anyclaude.core.config.ProxyConfig;
import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command's start loads the installation's plugins while it reads the config; the proxy serves with them. */
class StartUpWorkTest {
    @TempDir
    Path dir;

    @Test
    void pluginsLoadedWhileTheConfigIsReadServeTheProxy() throws Exception {
        ProxyHome home = new ProxyHome(dir.resolve("state"), Optional.of(dir.resolve("install")));
        Files.createDirectories(dir.resolve("install/plugins"));
        Files.copy(TestPlugins.jar("anthropic"), dir.resolve("install/plugins/anthropic.jar"));
        try (MockAnthropicServer upstream = new MockAnthropicServer().start()) {
            StartUpWork work = StartUpWork.begin(home, List.of());
            ProxyConfig config = config(work, upstream);

            try (AnyclaudeProxy proxy = AnyclaudeProxy.start(config, home, work)) {
                assertThat(proxy.plugins().plugins()).extracting(plugin -> plugin.getPluginId()).contains("anthropic");
                assertServes(proxy, upstream);
            }
        }
    }

    @Test
    void aConfigThatAddsAPluginFolderLoadsThePluginsOfItsOwnFolders() throws Exception {
        ProxyHome home = new ProxyHome(dir.resolve("state"), Optional.of(dir.resolve("install")));
        Files.createDirectories(dir.resolve("install/plugins"));
        Path more = Files.createDirectories(dir.resolve("more"));
        Files.copy(TestPlugins.jar("anthropic"), more.resolve("anthropic.jar"));
        try (MockAnthropicServer upstream = new MockAnthropicServer().start()) {
            StartUpWork work = StartUpWork.begin(home, List.of());
            ProxyConfig config = config(work, upstream).withPluginDir(more);

            try (AnyclaudeProxy proxy = AnyclaudeProxy.start(config, home, work)) {
                assertThat(proxy.plugins().folders()).contains(more.toAbsolutePath().normalize());
                assertServes(proxy, upstream);
            }
        }
    }

    private ProxyConfig config(StartUpWork work, MockAnthropicServer upstream) throws Exception {
        String json = """
                {"backend":"claude","backends":{"claude":{"type":"anthropic","baseUrl":"%s"}}}"""
                .formatted(upstream.baseUrl());
        return new ConfigLoader(work.json().mapper()).parse(work.json().mapper().readTree(json), dir.resolve("config.json"))
                .withListener("127.0.0.1", 0);
    }

    private static void assertServes(AnyclaudeProxy proxy, MockAnthropicServer upstream) throws Exception {
        upstream.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson()));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(proxy.url() + "/v1/messages"))
                .header("content-type", "application/json").header("x-api-key", "k")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(AnthropicFixtures.messageJson());
    }
}
