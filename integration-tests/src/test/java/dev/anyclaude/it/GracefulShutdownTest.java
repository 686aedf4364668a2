package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.core.app.AnyclaudeProxy;
import dev.anyclaude.core.app.ProxyHome;
import dev.anyclaude.core.config.ConfigLoader;
import dev.anyclaude.core.config.ProxyConfig;
import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shutting down stops taking requests but lets a stream in flight finish, up to a deadline. */
class GracefulShutdownTest {
    @TempDir
    Path state;

    @Test
    void aStreamInFlightFinishesWhileNewRequestsAreTurnedAway() throws Exception {
        try (MockAnthropicServer upstream = new MockAnthropicServer().start();
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            CountDownLatch rest = new CountDownLatch(1);
            upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames("almost done")).gateBefore(3, rest));
            ObjectMapper mapper = new ObjectMapper();
            ProxyConfig config = new ConfigLoader(mapper).parse(mapper.readTree("""
                    {"backend":"claude","backends":{"claude":{"type":"anthropic","baseUrl":"%s"}}}""".formatted(upstream.baseUrl())),
                    Path.of("test.json")).withListener("127.0.0.1", 0).withPluginDir(TestPlugins.folder());
            AnyclaudeProxy proxy = AnyclaudeProxy.start(config, new ProxyHome(state, Optional.empty()));
            URI messages = URI.create(proxy.url() + "/v1/messages");

            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(HttpRequest.newBuilder(messages)
                    .header("x-api-key", "k").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"m\",\"max_tokens\":5,\"stream\":true,\"messages\":[]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> upstream.requestCount() == 1);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> proxy.shutdown(Duration.ofSeconds(20)));
            Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
                try (HttpClient fresh = HttpClient.newHttpClient()) {
                    HttpResponse<String> refused = fresh.send(HttpRequest.newBuilder(URI.create(proxy.url() + "/health")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(refused.statusCode()).isEqualTo(503);
                }
            });
            assertThat(stopping).isNotDone();

            rest.countDown();
            HttpResponse<String> finished = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(finished.body()).contains("almost done").contains("event: message_stop");
            stopping.get(20, TimeUnit.SECONDS);
        }
    }
}
