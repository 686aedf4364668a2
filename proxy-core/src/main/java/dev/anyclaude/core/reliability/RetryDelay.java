package dev.anyclaude.core.reliability;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** How long to wait before the next attempt: the upstream's {@code retry-after} if it gave one, else jittered backoff. */
final class RetryDelay {
    private RetryDelay() {
    }

    /**
     * The wait before retry number {@code retry} (1 for the first).
     *
     * @param retryAfter the upstream's {@code retry-after} (seconds or an HTTP date), or null
     * @return the wait, or empty when the upstream asked for longer than {@code maxRetryAfterMs}
     */
    static Optional<Duration> before(int retry, BackendPolicy.Retries policy, String retryAfter) {
        Optional<Duration> asked = parse(retryAfter);
        if (asked.isPresent()) {
            return asked.get().compareTo(policy.maxRetryAfter()) > 0 ? Optional.empty() : asked;
        }
        long ceiling = Math.min(policy.maxDelay().toMillis(),
                policy.baseDelay().toMillis() << Math.min(20, retry - 1));
        // Full jitter: callers that failed together do not come back together.
        return Optional.of(Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1)));
    }

    static Optional<Duration> parse(String retryAfter) {
        if (retryAfter == null || retryAfter.isBlank()) {
            return Optional.empty();
        }
        String value = retryAfter.trim();
        try {
            return Optional.of(Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(value) * 1000))));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (java.time.format.DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
