package dev.anyclaude.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseFramesTest {
    private static final String PING = "event: ping\ndata: {\"type\":\"ping\"}\n\n";

    @Test
    void wholeFramesPassAtOnceAndAPartialOneWaitsForItsEnd() throws Exception {
        SseFrames frames = new SseFrames();
        String input = PING + "event: content_block_delta\ndata: {\"type\":";
        assertThat(text(frames, input)).isEqualTo(PING);
        assertThat(frames.endsMidFrame()).isTrue();
        assertThat(text(frames, "\"x\"}\n\n")).isEqualTo("event: content_block_delta\ndata: {\"type\":\"x\"}\n\n");
        assertThat(frames.endsMidFrame()).isFalse();
    }

    @Test
    void crlfFramesAndCommentsAreWellFormed() throws Exception {
        SseFrames frames = new SseFrames();
        String input = ": keep-alive\r\n\r\nevent: ping\r\ndata: {}\r\n\r\n";
        assertThat(text(frames, input)).isEqualTo(input);
    }

    @Test
    void aFrameThatIsNotAnEventIsMalformed() {
        assertThatThrownBy(() -> text(new SseFrames(), "garbage\n\n")).isInstanceOf(SseFrames.Malformed.class)
                .hasMessage("a line that is no SSE field");
        assertThatThrownBy(() -> text(new SseFrames(), "event: x\ndata: {cut\n\n"))
                .isInstanceOf(SseFrames.Malformed.class).hasMessage("a data line that is not a JSON object");
    }

    @Test
    void theWholeFramesReadTogetherWithAMalformedOneAreStillWellFormed() {
        SseFrames frames = new SseFrames();
        byte[] input = (PING + "event: ping\r\ndata: {}\r\n\r\n" + "event: x\ndata: {cut\n\n" + PING)
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> frames.take(input, input.length)).isInstanceOfSatisfying(SseFrames.Malformed.class,
                e -> assertThat(new String(frames.ready(), 0, e.wellFormed(), StandardCharsets.UTF_8))
                        .isEqualTo(PING + "event: ping\r\ndata: {}\r\n\r\n"));
        assertThatThrownBy(() -> new SseFrames().take("junk\n\n".getBytes(StandardCharsets.UTF_8), 6))
                .isInstanceOfSatisfying(SseFrames.Malformed.class, e -> assertThat(e.wellFormed()).isZero());
    }

    private static String text(SseFrames frames, String input) throws SseFrames.Malformed {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        return new String(frames.accept(bytes, bytes.length), StandardCharsets.UTF_8);
    }
}
