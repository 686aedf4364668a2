package dev.anyclaude.core.reliability;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.http.UpstreamRequest;
import dev.anyclaude.api.relay.Relay;
import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A call on the fast path with its backend's {@link BackendPolicy} applied, the same as {@link GuardedBackend} applies
 * it on the blocking path: the request as it may leave (allowed headers only, the header wait cut to what the total
 * limit leaves), the connect and idle timeouts, which failures and statuses are retried and after how long, and the
 * timeouts' errors, worded alike. Holds a slot of the backend's concurrency gate until {@link #release()}.
 */
public final class RelayPlan {
    private final String backend;
    private final BackendPolicy policy;
    private final Relay relay;
    private final java.util.function.Supplier<Set<String>> clientCredentials;
    private final long deadlineNanos;
    private final Runnable slot;
    private final java.util.function.IntConsumer retried;
    private final AtomicBoolean released = new AtomicBoolean();
    private String limitedBy;

    RelayPlan(String backend, BackendPolicy policy, Relay relay, java.util.function.Supplier<Set<String>> clientCredentials,
              Runnable slot, java.util.function.IntConsumer retried) {
        this.backend = backend;
        this.retried = retried;
        this.policy = policy;
        this.relay = relay;
        this.clientCredentials = clientCredentials;
        this.slot = slot;
        this.deadlineNanos = policy.total().map(total -> System.nanoTime() + total.toNanos()).orElse(Long.MAX_VALUE);
    }

    /** The backend's config name. */
    public String backend() {
        return backend;
    }

    /** What the backend asked for. */
    public Relay relay() {
        return relay;
    }

    /** The request for the next attempt: allowed headers, the policy's header wait (cut to the total), idle timeout. */
    public UpstreamRequest attemptRequest() {
        UpstreamRequest asked = relay.request();
        LimitWords.HeaderWait wait = LimitWords.headerWait(policy, asked.timeout(),
                LimitWords.remainingNanos(deadlineNanos));
        limitedBy = wait.limitedBy();
        return new UpstreamRequest(asked.method(), asked.uri(),
                BackendHttp.allowed(backend, policy, asked.headers(), value -> clientCredentials.get().contains(value)),
                asked.body(), wait.duration(), policy.idle());
    }

    /** How long opening a connection may take. */
    public Duration connect() {
        return policy.connect();
    }

    /** {@link System#nanoTime()} by which the whole call must be done; {@link Long#MAX_VALUE} for no limit. */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    /**
     * Whether an answer with this status is retried instead of relayed, and after how long.
     *
     * @param retry the number of the retry it would be (1 for the first)
     */
    public Optional<Duration> retryAfterStatus(int retry, int status, String retryAfter) {
        return counted(status, GuardedBackend.retryable(status)
                ? LimitWords.retryDelay(policy, retry, retryAfter, deadlineNanos) : Optional.empty());
    }

    /** Whether a failure before the headers ({@link #explain explained}) is retried, and after how long. */
    public Optional<Duration> retryAfterFailure(int retry, AnthropicException failure) {
        return counted(failure.status(), GuardedBackend.retryable(failure.status()) && failure.type() != ErrorType.TIMEOUT
                ? LimitWords.retryDelay(policy, retry, null, deadlineNanos) : Optional.empty());
    }

    /** A granted retry is counted (the caller then makes it). */
    private Optional<Duration> counted(int status, Optional<Duration> wait) {
        if (wait.isPresent()) {
            retried.accept(status);
        }
        return wait;
    }

    /** The error for a failure before the answer's headers, worded as on the blocking path. */
    public AnthropicException explain(IOException failure) {
        if (failure instanceof HttpConnectTimeoutException) {
            return LimitWords.connectTimeout(backend, policy, failure);
        }
        if (failure instanceof HttpTimeoutException) {
            return LimitWords.headerTimeout(backend, limitedBy, failure);
        }
        return new AnthropicException(ErrorType.API, 502, "backend '" + backend + "' at "
                + origin() + " is unreachable: " + failure.getMessage(), failure);
    }

    /** The error for a call whose total limit ran out before the answer's headers arrived. */
    public AnthropicException headersExpired() {
        return LimitWords.headerTimeout(backend, "timeouts.totalMs", null);
    }

    /** Why a body that went silent was cut. */
    public String idleMessage() {
        return LimitWords.idle(backend, policy);
    }

    /** Why an answer that ran past the total limit was cut. */
    public String expiredMessage() {
        return LimitWords.expired(backend, policy);
    }

    /** Gives the concurrency slot back; idempotent. */
    public void release() {
        if (released.compareAndSet(false, true)) {
            slot.run();
        }
    }

    private String origin() {
        java.net.URI uri = relay.request().uri();
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
