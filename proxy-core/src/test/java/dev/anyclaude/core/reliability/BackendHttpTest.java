package dev.anyclaude.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.api.http.UpstreamRequest;
import dev.anyclaude.api.http.UpstreamResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-backend client applies the policy to what any plugin sends; a recording client stands for the network. */
class BackendHttpTest {
    private UpstreamRequest sent;

    private final UpstreamClient recording = request -> {
        sent = request;
        return new UpstreamResponse() {
            @Override
            public int status() {
                return 429;
            }

            @Override
            public HttpHeaders headers() {
                return HttpHeaders.of(Map.of("retry-after", List.of("3")), (a, b) -> true);
            }

            @Override
            public InputStream body() {
                return new ByteArrayInputStream(new byte[0]);
            }

            @Override
            public void close() {
            }
        };
    };

    private static final UpstreamRequest PLUGIN_REQUEST = UpstreamRequest.post(URI.create("http://up/v1/x"), new byte[0])
            .withHeader("content-type", "application/json")
            .withHeader("x-api-key", "sk-client")
            .withHeader("authorization", "Bearer sk-configured")
            .withHeader("x-extra", "1");

    @Test
    void clientCredentialsNeverLeaveForAThirdPartyBackend() throws Exception {
        BackendHttp http = new BackendHttp("local", BackendPolicy.read("openai", Map.of()), recording);
        new CallScope(Long.MAX_VALUE, Set.of("sk-client")).run(() -> send(http));
        assertThat(sent.headers()).extracting(Map.Entry::getKey)
                .containsExactly("content-type", "authorization", "x-extra");
        assertThat(sent.headers()).noneMatch(header -> header.getValue().contains("sk-client"));
    }

    @Test
    void thePassthroughForwardsThem() throws Exception {
        BackendHttp http = new BackendHttp("claude", BackendPolicy.read("anthropic", Map.of()), recording);
        new CallScope(Long.MAX_VALUE, Set.of("sk-client")).run(() -> send(http));
        assertThat(sent.headers()).anyMatch(header -> header.getValue().equals("sk-client"));
    }

    @Test
    void allowlistKeepsOnlyTheListedHeaders() throws Exception {
        BackendHttp http = new BackendHttp("local", BackendPolicy.read("openai",
                Map.of("outboundHeaders", List.of("Content-Type", "X-Extra"))), recording);
        send(http);
        assertThat(sent.headers()).extracting(Map.Entry::getKey).containsExactly("content-type", "x-extra");
    }

    @Test
    void timeoutsComeFromThePolicyAndTheWaitForHeadersIsCutToWhatIsLeftOfTheTotal() throws Exception {
        BackendHttp http = new BackendHttp("local", BackendPolicy.read("openai",
                Map.of("timeouts", Map.of("firstByteMs", 60000, "idleMs", 7000))), recording);
        send(http);
        assertThat(sent.timeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(sent.idleTimeout()).isEqualTo(Duration.ofSeconds(7));

        CallScope scope = new CallScope(System.nanoTime() + Duration.ofSeconds(2).toNanos(), Set.of());
        scope.run(() -> send(http));
        assertThat(sent.timeout()).isLessThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(scope.limitedBy()).isEqualTo("timeouts.totalMs");
        assertThat(scope.retryAfter()).isEqualTo("3");
    }

    @Test
    void withoutAFirstByteLimitThePluginsOwnHeaderTimeoutStays() throws Exception {
        BackendHttp http = new BackendHttp("local", BackendPolicy.read("openai", Map.of()), recording);
        http.send(PLUGIN_REQUEST.withTimeout(Duration.ofSeconds(42)));
        assertThat(sent.timeout()).isEqualTo(Duration.ofSeconds(42));
    }

    private Void send(BackendHttp http) {
        try {
            http.send(PLUGIN_REQUEST).close();
            return null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
