package dev.anyclaude.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopbackClientTest {

    @Test
    void readsAChunkedStreamAndNotesItsMarkers() throws Exception {
        try (MockAnthropicServer upstream = new MockAnthropicServer()) {
            upstream.setDefault(MockResponse.sse(AnthropicFixtures.textStreamFrames("zq00 Hi zq01")));
            upstream.start();
            MarkerClock clock = new MarkerClock();
            try (LoopbackClient client = Target.direct(Lane.PASSTHROUGH_SSE, upstream.port()).open()) {
                LoopbackClient.Timing timing = client.exchange(clock);

                assertThat(timing.status()).isEqualTo(200);
                assertThat(timing.bodyBytes()).isEqualTo(String.join("", AnthropicFixtures.textStreamFrames("zq00 Hi zq01"))
                        .getBytes(StandardCharsets.UTF_8).length);
                assertThat(clock.arrival(0)).isGreaterThanOrEqualTo(timing.startNanos());
                assertThat(clock.arrival(1)).isGreaterThanOrEqualTo(clock.arrival(0));
            }
        }
    }

    @Test
    void sendsItsBodiesInTurnOverOneConnection() throws Exception {
        try (MockAnthropicServer upstream = new MockAnthropicServer()) {
            upstream.setDefault(MockResponse.json(200, AnthropicFixtures.messageJson()));
            upstream.start();
            Target target = Target.direct(Lane.PASSTHROUGH_JSON, upstream.port()).varied(2);
            try (LoopbackClient client = target.open()) {
                for (int i = 0; i < 3; i++) {
                    assertThat(client.exchange().status()).isEqualTo(200);
                }
            }
            List<String> bodies = List.of(upstream.takeRequest().bodyUtf8(), upstream.takeRequest().bodyUtf8(),
                    upstream.takeRequest().bodyUtf8());
            assertThat(bodies.get(0)).contains("(0)");
            assertThat(bodies.get(1)).contains("(1)");
            assertThat(bodies.get(2)).contains("(0)");
        }
    }
}
