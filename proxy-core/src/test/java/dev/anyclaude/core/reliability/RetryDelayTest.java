package dev.anyclaude.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class RetryDelayTest {
    private static final BackendPolicy.Retries POLICY = new BackendPolicy.Retries(5, Duration.ofMillis(100),
            Duration.ofMillis(1000), Duration.ofSeconds(30));

    @Test
    void retryAfterInSecondsIsHonoured() {
        assertThat(RetryDelay.before(1, POLICY, "2")).contains(Duration.ofSeconds(2));
        assertThat(RetryDelay.before(1, POLICY, "0.25")).contains(Duration.ofMillis(250));
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));
        assertThat(RetryDelay.before(1, POLICY, inTenSeconds).orElseThrow())
                .isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
    }

    @Test
    void retryAfterBeyondTheLimitMeansNoRetry() {
        assertThat(RetryDelay.before(1, POLICY, "31")).isEmpty();
    }

    @Test
    void withoutRetryAfterTheBackoffIsJitteredBelowADoublingCeiling() {
        for (int i = 0; i < 200; i++) {
            assertThat(RetryDelay.before(1, POLICY, null).orElseThrow()).isBetween(Duration.ZERO, Duration.ofMillis(100));
            assertThat(RetryDelay.before(3, POLICY, "garbage").orElseThrow()).isBetween(Duration.ZERO, Duration.ofMillis(400));
            assertThat(RetryDelay.before(30, POLICY, null).orElseThrow()).isBetween(Duration.ZERO, Duration.ofMillis(1000));
        }
    }

    @Test
    void jitterSpreadsCallersThatFailedTogether() {
        java.util.Set<Duration> seen = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            seen.add(RetryDelay.before(4, POLICY, null).orElseThrow());
        }
        assertThat(seen).hasSizeGreaterThan(10);
    }
}
