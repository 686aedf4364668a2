package dev.anyclaude.core.reliability;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code maxConcurrent} calls in flight to one backend; up to {@code maxQueued} more wait, first come first
 * served, for up to the queue timeout; any other is answered 529 {@code overloaded_error} at once. Thread-safe.
 */
final class ConcurrencyGate {
    private final String backend;
    private final int maxConcurrent;
    private final int maxQueued;
    private final Semaphore slots;
    private final AtomicInteger waiting = new AtomicInteger();
    private final dev.anyclaude.api.Metrics metrics;

    /** @param metrics counts each refusal as {@code anyclaude.rejected{backend,reason}}: queue_full or queue_timeout */
    ConcurrencyGate(String backend, int maxConcurrent, int maxQueued, dev.anyclaude.api.Metrics metrics) {
        this.backend = backend;
        this.maxConcurrent = maxConcurrent;
        this.maxQueued = maxQueued;
        this.metrics = metrics;
        this.slots = maxConcurrent > 0 ? new Semaphore(maxConcurrent, true) : null;
    }

    /**
     * Takes a slot, waiting at most {@code wait} in the queue.
     *
     * @return the slot; release it exactly once
     * @throws AnthropicException 529 when the queue is full or the wait ran out; 500 when the thread was
     *                            interrupted (the client went away)
     */
    Runnable acquire(Duration wait) {
        if (slots == null) {
            return () -> { };
        }
        if (!slots.tryAcquire()) {
            if (waiting.incrementAndGet() > maxQueued) {
                waiting.decrementAndGet();
                throw overloaded("queue_full", maxQueued + " more already waiting (maxQueued)");
            }
            try {
                if (!slots.tryAcquire(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS)) {
                    throw overloaded("queue_timeout", "waited " + wait.toMillis() + " ms in the queue (queueTimeoutMs)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw GuardedBackend.cancelled(backend, "while it waited for a slot", e);
            } finally {
                waiting.decrementAndGet();
            }
        }
        return released();
    }

    private Runnable released() {
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                slots.release();
            }
        };
    }

    /** A slot if one is free at once (release it exactly once), else null; never waits. */
    Runnable tryAcquire() {
        if (slots == null) {
            return () -> { };
        }
        if (waiting.get() > 0 || !slots.tryAcquire()) {
            return null;
        }
        return released();
    }

    /** Calls in flight now; for tests and metrics. */
    int inFlight() {
        return slots == null ? 0 : maxConcurrent - slots.availablePermits();
    }

    private AnthropicException overloaded(String reason, String why) {
        metrics.counter("anyclaude.rejected", "backend", backend, "reason", reason).increment();
        return AnthropicException.of(ErrorType.OVERLOADED, "backend '" + backend + "' is busy: " + maxConcurrent
                + " requests in flight (maxConcurrent) and " + why + "; try again shortly");
    }
}
