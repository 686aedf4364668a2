package dev.anyclaude.core.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anyclaude.api.model.Usage;
import dev.anyclaude.core.config.BackendEntry;
import dev.anyclaude.core.config.ConfigException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableTest {
    private static Map<String, BackendEntry> entry(Object price) {
        return Map.of("b", new BackendEntry("b", "anthropic", true, Map.of("price", price)));
    }

    @Test
    void costCountsInputOutputAndCachedTokensAtTheirPrices() {
        PriceTable table = PriceTable.of(entry(Map.of("inputPerMTok", 3.0, "outputPerMTok", 15, "cacheReadPerMTok", 0.3)));
        CompletedRequest request = new CompletedRequest("r", Instant.EPOCH, "/v1/messages", "b", "m", false, 200,
                new Usage(1_000_000, 2_000_000, 1_000_000, 1_000_000, Map.of()), 1, 1, 1);

        // cache writes default to the input price
        assertThat(table.of("b").orElseThrow().cost(request)).isEqualTo(3 + 30 + 3 + 0.3);
        assertThat(table.of("other")).isEmpty();
    }

    @Test
    void aBackendWithoutPriceHasNone() {
        assertThat(PriceTable.of(Map.of("b", BackendEntry.implicit("b"))).of("b")).isEmpty();
    }

    @Test
    void badPricesAreRejectedNamingTheField() {
        assertThatThrownBy(() -> PriceTable.of(entry(Map.of("inputPerMTok", -1))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("backends.b.price.inputPerMTok");
        assertThatThrownBy(() -> PriceTable.of(entry(Map.of("inputPerMtok", 1))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("backends.b.price.inputPerMtok: unknown");
        assertThatThrownBy(() -> PriceTable.of(entry(3))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("backends.b.price: must be an object");
    }
}
