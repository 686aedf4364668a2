package dev.anyclaude.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackendPolicyTest {

    @Test
    void blockWithoutReliabilityKeysGetsTheDefaults() {
        BackendPolicy policy = BackendPolicy.read("openai", Map.of("baseUrl", "http://x/v1"));
        assertThat(policy.connect()).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.firstByte()).isEmpty();
        assertThat(policy.idle()).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.total()).isEmpty();
        assertThat(policy.retries().max()).isZero();
        assertThat(policy.maxConcurrent()).isZero();
        assertThat(policy.outboundHeaders()).isEmpty();
        assertThat(policy.clientCredentials()).isFalse();
    }

    @Test
    void everyKeyIsRead() {
        BackendPolicy policy = BackendPolicy.read("anthropic", Map.of(
                "timeouts", Map.of("connectMs", 1500, "firstByteMs", 60000, "idleMs", 20000, "totalMs", 900000),
                "retries", Map.of("max", 3, "baseDelayMs", 100, "maxDelayMs", 2000, "maxRetryAfterMs", 5000),
                "maxConcurrent", 4, "maxQueued", 8, "queueTimeoutMs", 1000,
                "outboundHeaders", List.of("Content-Type", "x-api-key")));
        assertThat(policy.connect()).isEqualTo(Duration.ofMillis(1500));
        assertThat(policy.firstByte()).contains(Duration.ofMinutes(1));
        assertThat(policy.idle()).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.total()).contains(Duration.ofMinutes(15));
        assertThat(policy.retries()).isEqualTo(new BackendPolicy.Retries(3, Duration.ofMillis(100),
                Duration.ofSeconds(2), Duration.ofSeconds(5)));
        assertThat(policy.maxConcurrent()).isEqualTo(4);
        assertThat(policy.maxQueued()).isEqualTo(8);
        assertThat(policy.queueTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.outboundHeaders()).isEqualTo(Optional.of(Set.of("content-type", "x-api-key")));
    }

    @Test
    void onlyTheAnthropicPassthroughMayForwardTheClientsCredentials() {
        assertThat(BackendPolicy.read("anthropic", Map.of()).clientCredentials()).isTrue();
        assertThat(BackendPolicy.read("claude", Map.of("mode", "passthrough")).clientCredentials()).isTrue();
        assertThat(BackendPolicy.read("anthropic", Map.of("mode", "compatible")).clientCredentials()).isFalse();
        assertThat(BackendPolicy.read("ollama", Map.of()).clientCredentials()).isFalse();
        assertThat(BackendPolicy.read("openrouter", Map.of()).clientCredentials()).isFalse();
    }

    @Test
    void wrongValuesNameTheFieldAndNeverEchoTheValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> BackendPolicy.read("openai",
                Map.of("timeouts", Map.of("firstByteMs", "soon"))))
                .withMessage("timeouts.firstByteMs: must be an integer from 0 to 2147483647");
        assertThatIllegalArgumentException().isThrownBy(() -> BackendPolicy.read("openai", Map.of("timeouts", 5)))
                .withMessage("timeouts: must be an object");
        assertThatIllegalArgumentException().isThrownBy(() -> BackendPolicy.read("openai",
                Map.of("retries", Map.of("max", 99)))).withMessage("retries.max: must be an integer from 0 to 10");
        assertThatIllegalArgumentException().isThrownBy(() -> BackendPolicy.read("openai", Map.of("maxConcurrent", -1)))
                .withMessageStartingWith("maxConcurrent: ");
        assertThatIllegalArgumentException().isThrownBy(() -> BackendPolicy.read("openai",
                Map.of("outboundHeaders", "authorization"))).withMessage("outboundHeaders: must be an array of header names");
    }
}
