package dev.anyclaude.core.plugins;

import dev.anyclaude.api.Metrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The proxy's metrics on Micrometer, exposed in Prometheus format at {@code GET /metrics}: the core's own
 * ({@code anyclaude.requests}, {@code anyclaude.request.duration}, {@code anyclaude.time.to.first.byte},
 * {@code anyclaude.tokens}, {@code anyclaude.upstream.wait}) and whatever plugins register through {@link Metrics}.
 */
public final class ProxyMetrics implements Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // The proxy asks for its meters by name and tags on every request; Micrometer's own lookup builds an id,
    // sorts tags and (for timers) a builder each time, so the meters are kept here by the exact name and tags asked.
    private final ConcurrentMap<Key, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<Key, Metrics.Timer> timers = new ConcurrentHashMap<>();
    private static final long MAX_TRACKED_NANOS = TimeUnit.MINUTES.toNanos(10);
    private final org.HdrHistogram.Recorder inProcess = new org.HdrHistogram.Recorder(MAX_TRACKED_NANOS, 3);
    private final Metrics.Timer inProcessTimer = timer("anyclaude.request.in.process");

    @Override
    public Counter counter(String name, String... tags) {
        Key key = new Key(name, tags);
        Counter known = counters.get(key);
        return known != null ? known : counters.computeIfAbsent(new Key(name, tags.clone()), k -> registry.counter(name, tags)::increment);
    }

    @Override
    public Metrics.Timer timer(String name, String... tags) {
        Key key = new Key(name, tags);
        Metrics.Timer known = timers.get(key);
        return known != null ? known : timers.computeIfAbsent(new Key(name, tags.clone()), k -> newTimer(name, tags));
    }

    private Metrics.Timer newTimer(String name, String... tags) {
        io.micrometer.core.instrument.Timer timer = io.micrometer.core.instrument.Timer.builder(name).tags(tags).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        return timer::record;
    }

    /** A meter as asked for: its name and tags in the caller's order. */
    private record Key(String name, String[] tags) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && name.equals(key.name) && Arrays.equals(tags, key.tags);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + Arrays.hashCode(tags);
        }
    }

    @Override
    public void gauge(String name, Supplier<Number> value, String... tags) {
        Gauge.builder(name, value).tags(tags).register(registry);
    }

    /** Adds a fractional amount to a counter ({@code anyclaude.cost.usd}); the core's own, not part of {@link Metrics}. */
    public void add(String name, double amount, String... tags) {
        registry.counter(name, tags).increment(amount);
    }

    /** One meter's current value: a counter's count, a gauge's value, a timer's count of recordings. */
    public record Reading(String name, java.util.Map<String, String> tags, double value) {
    }

    /** The current value of every counter, gauge and timer whose name starts with {@code prefix}, by name. */
    public java.util.List<Reading> readings(String prefix) {
        java.util.List<Reading> out = new java.util.ArrayList<>();
        for (io.micrometer.core.instrument.Meter meter : registry.getMeters()) {
            String name = meter.getId().getName();
            if (!name.startsWith(prefix)) {
                continue;
            }
            double value = switch (meter) {
                case io.micrometer.core.instrument.Counter c -> c.count();
                case io.micrometer.core.instrument.Gauge g -> g.value();
                case io.micrometer.core.instrument.Timer t -> t.count();
                default -> Double.NaN;
            };
            if (Double.isNaN(value)) {
                continue;
            }
            java.util.Map<String, String> tags = new java.util.TreeMap<>();
            meter.getId().getTags().forEach(tag -> tags.put(tag.getKey(), tag.getValue()));
            out.add(new Reading(name, tags, value));
        }
        out.sort(java.util.Comparator.comparing(Reading::name).thenComparing(r -> r.tags().toString()));
        return out;
    }

    /**
     * Records one request's in-process time: its whole duration minus the wait for upstream headers. Kept as samples
     * (HdrHistogram) next to the {@code anyclaude.request.in.process} timer, so benchmarks can read true percentiles.
     */
    public void recordInProcess(long nanos) {
        long value = Math.max(0, nanos);
        inProcessTimer.record(Duration.ofNanos(value));
        inProcess.recordValue(Math.min(value, MAX_TRACKED_NANOS));
    }

    /** The in-process times recorded since the last call (the first call: since start), in nanoseconds. */
    public org.HdrHistogram.Histogram inProcessSinceLastCall() {
        return inProcess.getIntervalHistogram();
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }

    /** How many durations a timer recorded; 0 when it never recorded. */
    public long timerCount(String name, String... tags) {
        io.micrometer.core.instrument.Timer timer = registry.find(name).tags(tags).timer();
        return timer == null ? 0 : timer.count();
    }

    /** The total of the durations a timer recorded. */
    public Duration total(String name, String... tags) {
        io.micrometer.core.instrument.Timer timer = registry.find(name).tags(tags).timer();
        return timer == null ? Duration.ZERO : Duration.ofNanos((long) timer.totalTime(TimeUnit.NANOSECONDS));
    }

    /** The value of a counter; 0 when it was never incremented. */
    public double count(String name, String... tags) {
        io.micrometer.core.instrument.Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
