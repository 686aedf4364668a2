package dev.anyclaude.plugins.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anyclaude.core.json.ProtocolJson;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterConfigTest {
    private static final ProtocolJson JSON = new ProtocolJson();

    private static ClusterConfig bind(Map<String, Object> cacheBlock) {
        return JSON.convert(cacheBlock, ClusterConfig.Block.class).cluster();
    }

    @Test
    void aCacheBlockWithoutClusterHasNoClusteredTier() {
        assertThat(bind(Map.of("diskMb", 16))).isNull();
    }

    @Test
    void onlyTheUriIsRequiredAndTheRestTakesDefaults() {
        ClusterConfig config = bind(Map.of("cluster", Map.of("uri", " terracotta://tc.example:9410/team ")));

        assertThat(config.uri()).isEqualTo("terracotta://tc.example:9410/team");
        assertThat(config.resource()).isEqualTo("main");
        assertThat(config.sizeMb()).isEqualTo(256);
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.operationTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.reconnectDelay()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aWrongUriOrSizeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> bind(Map.of("cluster", Map.of("resource", "main"))))
                .hasMessageContaining("cluster.uri: missing");
        assertThatThrownBy(() -> bind(Map.of("cluster", Map.of("uri", "http://tc.example:9410/team"))))
                .hasMessageContaining("cluster.uri: must look like terracotta://host:port/entity");
        assertThatThrownBy(() -> bind(Map.of("cluster", Map.of("uri", "terracotta://tc.example:9410"))))
                .hasMessageContaining("cluster.uri: must look like terracotta://host:port/entity");
        assertThatThrownBy(() -> bind(Map.of("cluster", Map.of("uri", "terracotta://tc:9410/t", "sizeMb", 0))))
                .hasMessageContaining("cluster.sizeMb: must be a positive number");
    }
}
