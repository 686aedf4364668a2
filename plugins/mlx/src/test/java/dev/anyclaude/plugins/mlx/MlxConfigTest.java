package dev.anyclaude.plugins.mlx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MlxConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void commandIsAStringOrAListAndSamplingKeysAreFlatSnakeCase() {
        MlxConfig one = JSON.convertValue(Map.of("model", "m", "command", "/opt/mlx/bin/mlx_lm.server",
                "enabled", true), MlxConfig.class);
        assertThat(one.command()).containsExactly("/opt/mlx/bin/mlx_lm.server");

        MlxConfig list = JSON.convertValue(Map.of("model", "m", "command", List.of("python3", "-m", "mlx_lm.server"),
                "args", List.of("--trust-remote-code"), "top_p", 0.8, "min_p", 0.05, "repetition_penalty", 1.1,
                "repetition_context_size", 32, "seed", 3, "port", 9000), MlxConfig.class);
        assertThat(list.commandLine()).containsExactly("python3", "-m", "mlx_lm.server", "--trust-remote-code",
                "--model", "m", "--host", "127.0.0.1", "--port", "9000");
        assertThat(list.baseUrl()).isEqualTo("http://127.0.0.1:9000/v1");
        assertThat(new Sampling(list).extraBody()).containsEntry("repetition_penalty", 1.1)
                .containsEntry("repetition_context_size", 32).containsEntry("seed", 3L).containsEntry("min_p", 0.05);
    }
}
