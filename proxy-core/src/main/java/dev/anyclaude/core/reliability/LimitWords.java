package dev.anyclaude.core.reliability;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import java.time.Duration;
import java.util.Optional;

/**
 * A backend's limits applied to one call, the same on the blocking path ({@link GuardedBackend},
 * {@link BackendHttp}, {@link GuardedReply}) and the fast path ({@link RelayPlan}): how long to wait for the
 * headers and which limit that wait is, whether a retry still fits, and the words of each limit's error.
 */
final class LimitWords {
    private LimitWords() {
    }

    /** How long to wait for an answer's headers, and the config key (or the plugin) that set that wait. */
    record HeaderWait(Duration duration, String limitedBy) {
    }

    /**
     * The wait for the headers: the policy's {@code firstByteMs}, else the plugin's own, cut to what the total limit
     * leaves.
     *
     * @param remainingNanos what the total limit leaves ({@link Long#MAX_VALUE} for none)
     */
    static HeaderWait headerWait(BackendPolicy policy, Duration asked, long remainingNanos) {
        Duration wait = policy.firstByte().orElse(asked);
        if (remainingNanos < wait.toNanos()) {
            return new HeaderWait(Duration.ofNanos(remainingNanos), "timeouts.totalMs");
        }
        return new HeaderWait(wait, policy.firstByte().isPresent() ? "timeouts.firstByteMs"
                : "the plugin's own header timeout");
    }

    /** Nanoseconds left before {@code deadlineNanos} (at least 0), or {@link Long#MAX_VALUE} without one. */
    static long remainingNanos(long deadlineNanos) {
        return deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadlineNanos - System.nanoTime());
    }

    /** The wait before retry number {@code retry}, when the policy allows one more and it ends before the deadline. */
    static Optional<Duration> retryDelay(BackendPolicy policy, int retry, String retryAfter, long deadlineNanos) {
        if (retry > policy.retries().max()) {
            return Optional.empty();
        }
        Optional<Duration> wait = RetryDelay.before(retry, policy.retries(), retryAfter);
        if (wait.isPresent() && deadlineNanos != Long.MAX_VALUE
                && System.nanoTime() + wait.get().toNanos() >= deadlineNanos) {
            return Optional.empty();
        }
        return wait;
    }

    static AnthropicException connectTimeout(String backend, BackendPolicy policy, Throwable cause) {
        return new AnthropicException(ErrorType.TIMEOUT, 504, "backend '" + backend + "' could not be connected to "
                + "within " + policy.connect().toMillis() + " ms (timeouts.connectMs)", cause);
    }

    /** @param limitedBy the limit that cut the wait, or null when not known */
    static AnthropicException headerTimeout(String backend, String limitedBy, Throwable cause) {
        return new AnthropicException(ErrorType.TIMEOUT, 504, "backend '" + backend + "' sent no response "
                + "headers in time (" + (limitedBy == null ? "its header timeout" : limitedBy) + ")", cause);
    }

    static String idle(String backend, BackendPolicy policy) {
        return "backend '" + backend + "' sent nothing for " + policy.idle().toMillis()
                + " ms (timeouts.idleMs); the answer was cut";
    }

    static String expired(String backend, BackendPolicy policy) {
        return "backend '" + backend + "' took longer than its total limit of "
                + policy.total().map(Duration::toMillis).orElse(0L) + " ms (timeouts.totalMs); the answer was cut";
    }
}
