package dev.anyclaude.core.plugins;

import dev.anyclaude.api.Metrics;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/** A metrics registry kept in memory: counters, timers (count and total) and gauges, keyed by name and tags. */
public final class InMemoryMetrics implements Metrics {
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final Map<String, LongAdder[]> timers = new ConcurrentHashMap<>();
    private final Map<String, Supplier<Number>> gauges = new ConcurrentHashMap<>();

    @Override
    public Counter counter(String name, String... tags) {
        LongAdder adder = counters.computeIfAbsent(key(name, tags), k -> new LongAdder());
        return adder::add;
    }

    @Override
    public Timer timer(String name, String... tags) {
        LongAdder[] countAndNanos = timers.computeIfAbsent(key(name, tags), k -> new LongAdder[]{new LongAdder(), new LongAdder()});
        return duration -> {
            countAndNanos[0].increment();
            countAndNanos[1].add(duration.toNanos());
        };
    }

    @Override
    public void gauge(String name, Supplier<Number> value, String... tags) {
        gauges.put(key(name, tags), value);
    }

    /** The current value of a counter; 0 when it was never incremented. */
    public long count(String name, String... tags) {
        LongAdder adder = counters.get(key(name, tags));
        return adder == null ? 0 : adder.sum();
    }

    /** How many durations a timer recorded. */
    public long timerCount(String name, String... tags) {
        LongAdder[] countAndNanos = timers.get(key(name, tags));
        return countAndNanos == null ? 0 : countAndNanos[0].sum();
    }

    /** The total of the durations a timer recorded. */
    public Duration total(String name, String... tags) {
        LongAdder[] countAndNanos = timers.get(key(name, tags));
        return countAndNanos == null ? Duration.ZERO : Duration.ofNanos(countAndNanos[1].sum());
    }

    private static String key(String name, String... tags) {
        if (tags.length % 2 != 0) {
            throw new IllegalArgumentException("tags come in key/value pairs: " + Arrays.toString(tags));
        }
        return tags.length == 0 ? name : name + Arrays.toString(tags);
    }
}
