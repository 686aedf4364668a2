package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.core.app.AnyclaudeProxy;
import dev.anyclaude.core.app.ProxyHome;
import dev.anyclaude.core.config.ConfigException;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config change is picked up while running, without dropping a request in flight. */
class ReloadTest {
    private static final String STREAM = "{\"model\":\"claude-x\",\"max_tokens\":5,\"stream\":true,\"messages\":[]}";
    private static final String JSON = "{\"model\":\"claude-x\",\"max_tokens\":5,\"messages\":[]}";

    @TempDir
    Path dir;

    private String config(String baseUrl) {
        return """
                {"backend":"claude","backends":{"claude":{"type":"anthropic","baseUrl":"%s"}}}""".formatted(baseUrl);
    }

    @Test
    void aStreamInFlightFinishesOnTheOldBackendWhileNewRequestsGoToTheNewOne() throws Exception {
        try (MockAnthropicServer before = new MockAnthropicServer().start();
             MockAnthropicServer after = new MockAnthropicServer().start()) {
            CountDownLatch rest = new CountDownLatch(1);
            before.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames("old backend")).gateBefore(3, rest));
            after.setDefault(MockResponse.json(200, AnthropicFixtures.messageJson("msg_new", "m", "new backend")));
            Path file = Files.writeString(dir.resolve("anyclaude.json"), config(before.baseUrl()));
            ConfigLoader loader = new ConfigLoader(new ObjectMapper());
            ProxyConfig initial = loader.load(Optional.of(file), dir, dir).withListener("127.0.0.1", 0)
                    .withPluginDir(TestPlugins.folder());

            try (AnyclaudeProxy proxy = AnyclaudeProxy.start(initial, new ProxyHome(dir.resolve("state"), Optional.empty()));
                 HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(post(proxy, STREAM),
                        HttpResponse.BodyHandlers.ofString());
                org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> before.requestCount() == 1);

                Files.writeString(file, config(after.baseUrl()));
                proxy.reload(loader.load(Optional.of(file), dir, dir).withPluginDir(TestPlugins.folder()));

                HttpResponse<String> fresh = client.send(post(proxy, JSON), HttpResponse.BodyHandlers.ofString());
                assertThat(fresh.body()).contains("new backend");

                rest.countDown();
                HttpResponse<String> old = inFlight.get(10, TimeUnit.SECONDS);
                assertThat(old.statusCode()).isEqualTo(200);
                assertThat(old.body()).contains("old backend").contains("event: message_stop");
                assertThat(before.requestCount()).isEqualTo(1);
            }
        }
    }

    @Test
    void aBrokenConfigIsRefusedAndTheRunningOneKeepsServing() throws Exception {
        try (MockAnthropicServer upstream = new MockAnthropicServer().start()) {
            upstream.setDefault(MockResponse.json(200, AnthropicFixtures.messageJson()));
            Path file = Files.writeString(dir.resolve("anyclaude.json"), config(upstream.baseUrl()));
            ConfigLoader loader = new ConfigLoader(new ObjectMapper());
            ProxyConfig initial = loader.load(Optional.of(file), dir, dir).withListener("127.0.0.1", 0)
                    .withPluginDir(TestPlugins.folder());
            try (AnyclaudeProxy proxy = AnyclaudeProxy.start(initial, new ProxyHome(dir.resolve("state"), Optional.empty()));
                 HttpClient client = HttpClient.newHttpClient()) {
                Files.writeString(file, "{\"backends\":{\"claude\":{\"type\":\"nope\"}}}");
                assertThatThrownBy(() -> proxy.reload(loader.load(Optional.of(file), dir, dir).withPluginDir(TestPlugins.folder())))
                        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown backend type 'nope'");
                assertThat(client.send(post(proxy, JSON), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            }
        }
    }

    private static HttpRequest post(AnyclaudeProxy proxy, String body) {
        return HttpRequest.newBuilder(URI.create(proxy.url() + "/v1/messages")).header("x-api-key", "k")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
