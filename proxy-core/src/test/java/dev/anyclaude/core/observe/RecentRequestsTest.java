package dev.anyclaude.core.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentRequestsTest {
    private static CompletedRequest request(String id) {
        return new CompletedRequest(id, Instant.EPOCH, "/v1/messages", "b", "m", true, 200, null, 1, 2, 3);
    }

    @Test
    void keepsTheNewestFirstAndForgetsTheOldestBeyondItsCapacity() {
        RecentRequests recent = new RecentRequests(3);
        for (int i = 1; i <= 5; i++) {
            recent.completed(request("r" + i));
        }
        assertThat(recent.latest(10)).extracting(CompletedRequest::id).containsExactly("r5", "r4", "r3");
        assertThat(recent.latest(2)).extracting(CompletedRequest::id).containsExactly("r5", "r4");
        assertThat(recent.total()).isEqualTo(5);
    }

    @Test
    void anEmptyBufferHasNoRequests() {
        assertThat(new RecentRequests(4).latest(10)).isEmpty();
    }
}
