package dev.anyclaude.api;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Where a plugin registers its metrics. Names are stable, dotted and prefixed with {@code anyclaude.}
 * ({@code anyclaude.mlx.restarts}), never class names; tags come in key/value pairs. Thread-safe.
 */
public interface Metrics {

    /** A monotonically increasing count. */
    interface Counter {
        void increment(long amount);

        default void increment() {
            increment(1);
        }
    }

    /** A distribution of durations. */
    interface Timer {
        void record(Duration duration);
    }

    /** The counter with this name and tags, created on first use. */
    Counter counter(String name, String... tagKeysAndValues);

    /** The timer with this name and tags, created on first use. */
    Timer timer(String name, String... tagKeysAndValues);

    /** A value sampled when metrics are read. */
    void gauge(String name, Supplier<Number> value, String... tagKeysAndValues);
}
