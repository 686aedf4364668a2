package dev.anyclaude.core.reliability;

import java.util.Set;

/**
 * What {@link GuardedBackend} knows about the call its thread is making and {@link BackendHttp} needs when the
 * plugin sends the upstream request on that same thread: the call's deadline, the client's credentials (so they
 * never leave for a backend that must not see them), and what the upstream answered (for {@code retry-after}).
 * One per attempt, on the calling (virtual) thread only.
 */
final class CallScope {
    private static final ThreadLocal<CallScope> CURRENT = new ThreadLocal<>();

    private final long deadlineNanos;
    private final Set<String> clientCredentials;
    private volatile String retryAfter;
    private volatile String expired;

    /**
     * @param deadlineNanos     {@link System#nanoTime()} by which the call must be done; {@link Long#MAX_VALUE} for none
     * @param clientCredentials the values of the client's {@code x-api-key} and {@code authorization} headers
     */
    CallScope(long deadlineNanos, Set<String> clientCredentials) {
        this.deadlineNanos = deadlineNanos;
        this.clientCredentials = clientCredentials;
    }

    /** The scope of the calling thread, or null outside a guarded call (probes, model lists). */
    static CallScope current() {
        return CURRENT.get();
    }

    /** Runs {@code body} with this scope as the thread's. */
    <T> T run(java.util.function.Supplier<T> body) {
        CallScope previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Nanoseconds left before the deadline (at least 0), or {@link Long#MAX_VALUE} without one. */
    long remainingNanos() {
        return LimitWords.remainingNanos(deadlineNanos);
    }

    boolean isClientCredential(String value) {
        return clientCredentials.contains(value);
    }

    /** Notes the {@code retry-after} of the upstream's last answer (null when it had none). */
    void answered(String retryAfterHeader) {
        this.retryAfter = retryAfterHeader;
    }

    String retryAfter() {
        return retryAfter;
    }

    /** Notes which limit cut the wait for the headers short ({@code timeouts.firstByteMs} or {@code timeouts.totalMs}). */
    void limitedBy(String key) {
        this.expired = key;
    }

    String limitedBy() {
        return expired;
    }
}
