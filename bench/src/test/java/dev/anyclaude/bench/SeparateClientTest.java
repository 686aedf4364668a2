package dev.anyclaude.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeparateClientTest {

    @Test
    void measuresEveryTargetInAJvmOfItsOwnAndHandsBackItsHistograms(@TempDir Path work) throws Exception {
        try (MockAnthropicServer upstream = new MockAnthropicServer()) {
            upstream.setRecording(false);
            upstream.setDefault(MockResponse.sse(AnthropicFixtures.textStreamFrames("zq00 Hi there.")));
            upstream.start();
            Target direct = Target.direct(Lane.PASSTHROUGH_SSE, upstream.port());
            Target again = new Target("again", direct.port(), direct.path(), direct.bodies(), direct.headers());

            SeparateClient.Histograms measured = SeparateClient.measure(List.of(direct, again), true, 10, 500, work);

            assertThat(measured.total()).containsOnlyKeys(Target.DIRECT, "again");
            // blocks of up to 250 each, sized to last about as long as the second target's
            assertThat(measured.total().get(Target.DIRECT).getTotalCount()).isBetween(20L, 500L);
            assertThat(measured.total().get("again").getTotalCount()).isEqualTo(500);
            assertThat(measured.total().get(Target.DIRECT).getValueAtPercentile(50)).isPositive();
            assertThat(measured.firstToken().get("again").getTotalCount()).isEqualTo(500);
            // the requests reached the mock from another process: its warm-up and measured exchanges, for both targets
            assertThat(upstream.requestCount()).isGreaterThanOrEqualTo(2 * (10 + 500));
        }
    }
}
