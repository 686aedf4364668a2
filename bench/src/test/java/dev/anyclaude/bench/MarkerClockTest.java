package dev.anyclaude.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MarkerClockTest {

    @Test
    void notesEachMarkerAtTheReadThatCompletedIt() {
        MarkerClock clock = new MarkerClock();
        byte[] first = "data: {\"text\":\"zq0".getBytes(StandardCharsets.UTF_8);
        byte[] second = "1 \"}\n\ndata: {\"text\":\"zzq02 and zq01 again\"}".getBytes(StandardCharsets.UTF_8);

        clock.scan(first, 0, first.length, 100);
        clock.scan(second, 0, second.length, 200);

        assertThat(clock.arrival(1)).isEqualTo(200);
        assertThat(clock.arrival(2)).isEqualTo(200);
        assertThat(clock.arrival(0)).isZero();
    }

    @Test
    void keepsTheFirstArrivalAndForgetsOnReset() {
        MarkerClock clock = new MarkerClock();
        byte[] token = "zq07".getBytes(StandardCharsets.UTF_8);

        clock.scan(token, 0, token.length, 5);
        clock.scan(token, 0, token.length, 9);
        assertThat(clock.arrival(7)).isEqualTo(5);

        clock.reset();
        assertThat(clock.arrival(7)).isZero();
        assertThat(MarkerClock.marker(7)).isEqualTo("zq07");
    }
}
