package dev.anyclaude.core.reliability;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Backend;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.Health;
import dev.anyclaude.api.Metrics;
import dev.anyclaude.api.Reply;
import java.io.InterruptedIOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backend with its {@link BackendPolicy} enforced, the same for every plugin: a slot from the
 * {@link ConcurrencyGate}, the call's total deadline, timeouts reported as 504 {@code timeout_error} naming the
 * backend, and retries of failures before the first byte (refused, reset, 429, 5xx, 529), honouring
 * {@code retry-after}, with jittered backoff, bounded by {@code retries.max} and the deadline. Once a reply is
 * handed on, nothing is retried: its bytes may already be on their way to the client.
 */
public final class GuardedBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedBackend.class);

    private final String name;
    private final BackendPolicy policy;
    private final Backend delegate;
    private final ConcurrencyGate gate;
    private final Metrics metrics;

    /**
     * @param metrics where retries ({@code anyclaude.upstream.retries{backend,status}}, the status that was retried;
     *                502 for a connection that failed) and the gate's refusals ({@code anyclaude.rejected}) are counted
     */
    public GuardedBackend(String name, BackendPolicy policy, Backend delegate, Metrics metrics) {
        this.name = name;
        this.policy = policy;
        this.delegate = delegate;
        this.metrics = metrics;
        this.gate = new ConcurrencyGate(name, policy.maxConcurrent(), policy.maxQueued(), metrics);
    }

    private void retried(int status) {
        metrics.counter("anyclaude.upstream.retries", "backend", name, "status", Integer.toString(status)).increment();
    }

    @Override
    public void start() {
        delegate.start();
    }

    @Override
    public Reply messages(Call call) {
        long start = System.nanoTime();
        long deadline = policy.total().map(total -> start + total.toNanos()).orElse(Long.MAX_VALUE);
        Duration queueWait = deadline == Long.MAX_VALUE ? policy.queueTimeout()
                : min(policy.queueTimeout(), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        Runnable release = gate.acquire(queueWait);
        try {
            for (int retry = 1; ; retry++) {
                CallScope scope = new CallScope(deadline, credentials(call));
                Reply reply;
                try {
                    reply = scope.run(() -> delegate.messages(call));
                } catch (AnthropicException e) {
                    AnthropicException failure = explained(e, scope);
                    Optional<Duration> wait = retryable(failure.status()) && failure.type() != ErrorType.TIMEOUT
                            ? delayBefore(retry, scope.retryAfter(), deadline) : Optional.empty();
                    if (wait.isEmpty()) {
                        throw failure;
                    }
                    LOG.warn("{}: backend '{}' failed ({}); retry {} of {} in {} ms", call.id(), name,
                            failure.getMessage(), retry, policy.retries().max(), wait.get().toMillis());
                    retried(failure.status());
                    pause(wait.get());
                    continue;
                }
                if (reply instanceof Reply.Raw raw && retryable(raw.status())) {
                    Optional<Duration> wait = delayBefore(retry, raw.headers().firstValue("retry-after").orElse(null), deadline);
                    if (wait.isPresent()) {
                        LOG.warn("{}: backend '{}' answered {}; retry {} of {} in {} ms", call.id(), name, raw.status(),
                                retry, policy.retries().max(), wait.get().toMillis());
                        reply.close();
                        retried(raw.status());
                        pause(wait.get());
                        continue;
                    }
                }
                return GuardedReply.of(reply, name, policy, deadline, release);
            }
        } catch (RuntimeException | Error e) {
            release.run();
            throw e;
        }
    }

    /**
     * The fast path for this call, when the backend offers one ({@link Backend#relay}) and a concurrency slot is free
     * at once; empty otherwise (the call then goes through {@link #messages}, which queues for a slot).
     */
    public Optional<RelayPlan> relayPlan(Call call) {
        Optional<dev.anyclaude.api.relay.Relay> relay = delegate.relay(call);
        if (relay.isEmpty()) {
            return Optional.empty();
        }
        Runnable slot = gate.tryAcquire();
        if (slot == null) {
            return Optional.empty();
        }
        return Optional.of(new RelayPlan(name, policy, relay.get(), () -> credentials(call), slot, this::retried));
    }

    @Override
    public Optional<dev.anyclaude.api.relay.Relay> relay(Call call) {
        return delegate.relay(call);
    }

    @Override
    public Reply countTokens(Call call) {
        CallScope scope = new CallScope(Long.MAX_VALUE, credentials(call));
        try {
            return scope.run(() -> delegate.countTokens(call));
        } catch (AnthropicException e) {
            throw explained(e, scope);
        }
    }

    @Override
    public Reply models(Call call) {
        CallScope scope = new CallScope(Long.MAX_VALUE, credentials(call));
        try {
            return scope.run(() -> delegate.models(call));
        } catch (AnthropicException e) {
            throw explained(e, scope);
        }
    }

    @Override
    public Health health() {
        return delegate.health();
    }

    @Override
    public Health probe() {
        return delegate.probe();
    }

    @Override
    public void close() {
        delegate.close();
    }

    private Optional<Duration> delayBefore(int retry, String retryAfter, long deadline) {
        if (Thread.currentThread().isInterrupted()) {
            return Optional.empty();
        }
        return LimitWords.retryDelay(policy, retry, retryAfter, deadline);
    }

    private void pause(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled(name, "before a retry", e);
        }
    }

    /** A failure caused by a timeout becomes a 504 {@code timeout_error} saying which limit of which backend ran out. */
    private AnthropicException explained(AnthropicException e, CallScope scope) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpConnectTimeoutException) {
                return LimitWords.connectTimeout(name, policy, e);
            }
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpTimeoutException) {
                return LimitWords.headerTimeout(name, scope.limitedBy(), e);
            }
            if (cause instanceof InterruptedIOException && !(cause instanceof java.net.SocketTimeoutException)) {
                return cancelled(name, "while it waited for the answer", e);
            }
        }
        return e;
    }

    /**
     * The client went away (its thread was interrupted): 499, as nginx says it, which nothing retries or falls
     * back on; nobody reads it.
     */
    static AnthropicException cancelled(String backend, String when, Throwable cause) {
        return new AnthropicException(ErrorType.API, 499, "the call to backend '" + backend + "' was cancelled " + when
                + ": the client went away", cause);
    }

    static boolean retryable(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 529;
    }

    private static Set<String> credentials(Call call) {
        Set<String> values = new HashSet<>();
        values.addAll(call.headers().allValues("x-api-key"));
        values.addAll(call.headers().allValues("authorization"));
        return values;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
