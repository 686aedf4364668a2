package dev.anyclaude.plugins.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which client headers reach a server that is not Anthropic's (compatible mode). */
class ForwardedHeadersTest {
    private static final HttpHeaders CLIENT = HttpHeaders.of(Map.of(
            "x-api-key", List.of("sk-ant-client"),
            "anthropic-version", List.of("2023-06-01"),
            "anthropic-beta", List.of("claude-code-20250219, interleaved-thinking-2025-05-14"),
            "x-app", List.of("cli"),
            "accept-encoding", List.of("gzip, deflate, br, zstd"),
            "content-length", List.of("123")), (a, b) -> true);

    @Test
    void compatibleModeNeverForwardsTheClientsCredentialsNorCompressionAndDropsBetasByDefault() {
        List<Map.Entry<String, String>> out = ForwardedHeaders.compatible(CLIENT, Optional.empty(), flag -> false);

        assertThat(out).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("anthropic-version", "x-app");
    }

    @Test
    void compatibleModeKeepsAllowedBetasAndSendsTheConfiguredKeyBothWays() {
        List<Map.Entry<String, String>> out = ForwardedHeaders.compatible(CLIENT, Optional.of("local-key"),
                Set.of("interleaved-thinking-2025-05-14")::contains);

        assertThat(out).contains(Map.entry("anthropic-beta", "interleaved-thinking-2025-05-14"),
                Map.entry("x-api-key", "local-key"), Map.entry("authorization", "Bearer local-key"));
        assertThat(out).noneMatch(e -> e.getValue().contains("sk-ant-client"));
    }

    @Test
    void passthroughStillForwardsTheClientsKeyAndBetasUnchanged() {
        List<Map.Entry<String, String>> out = ForwardedHeaders.of(CLIENT, Optional.empty(), Optional.empty());

        assertThat(out).contains(Map.entry("x-api-key", "sk-ant-client"),
                Map.entry("anthropic-beta", "claude-code-20250219, interleaved-thinking-2025-05-14"),
                Map.entry("accept-encoding", "gzip, deflate, br, zstd"));
    }
}
