package dev.anyclaude.plugins.mlx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anyclaude.api.model.MessagesRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplingTest {
    private static MlxConfig config(Double temperature, Integer topK, Double repetitionPenalty, Long seed) {
        return new MlxConfig(null, null, null, "m", null, null, null, null, null, null, temperature, 0.9, topK,
                0.05, repetitionPenalty, 64, seed);
    }

    @Test
    void configDefaultsFillWhatTheRequestLacksAndTheRequestWins() {
        MessagesRequest bare = MessagesRequest.of("claude", 10, List.of());
        MessagesRequest filled = new Sampling(config(0.7, 20, null, null)).applyTo(bare);
        assertThat(filled.temperature()).isEqualTo(0.7);
        assertThat(filled.topP()).isEqualTo(0.9);
        assertThat(filled.topK()).isEqualTo(20);

        MessagesRequest own = new MessagesRequest("claude", 10, List.of(), null, null, 0.1, null, 5, null, null, null,
                null, null, null, null, null, Map.of());
        MessagesRequest kept = new Sampling(config(0.7, 20, null, null)).applyTo(own);
        assertThat(kept.temperature()).isEqualTo(0.1);
        assertThat(kept.topK()).isEqualTo(5);
        assertThat(kept.topP()).isEqualTo(0.9);
    }

    @Test
    void mlxOnlyFieldsGoTopLevelUnderTheServersNames() {
        assertThat(new Sampling(config(null, null, 1.1, 7L)).extraBody()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "min_p", 0.05, "repetition_penalty", 1.1, "repetition_context_size", 64, "seed", 7L));
        assertThat(new Sampling(new MlxConfig(null, null, null, "m", null, null, null, null, null, null, null, null,
                null, null, null, null, null)).extraBody()).isEmpty();
    }

    @Test
    void configDefaultsAndCommandLine() {
        MlxConfig c = new MlxConfig(null, null, null, "mlx-community/X", null, null, List.of("--trust-remote-code"),
                null, null, null, null, null, null, null, null, null, null);
        assertThat(c.port()).isEqualTo(8081);
        assertThat(c.baseUrl()).isEqualTo("http://127.0.0.1:8081/v1");
        assertThat(c.apiKey()).isEqualTo("mlx");
        assertThat(c.autoLaunch()).isTrue();
        assertThat(c.commandLine()).containsExactly("mlx_lm.server", "--trust-remote-code", "--model",
                "mlx-community/X", "--host", "127.0.0.1", "--port", "8081");
        assertThatThrownBy(() -> new MlxConfig(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null)).hasMessageContaining("model: field required");
    }
}
