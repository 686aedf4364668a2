package dev.anyclaude.bench;

import dev.anyclaude.core.app.AnyclaudeProxy;
import dev.anyclaude.core.plugins.ProxyMetrics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The concurrency-1 measurements of one lane: every target asked in turn, in blocks, over one keep-alive connection
 * each, so all of them see the same machine state. Latencies go into HdrHistogram (nanoseconds).
 */
final class Measure {
    private static final int BLOCK = 250;
    private static final int MIN_BLOCK = 10;
    private static final long WARMUP_BUDGET_NANOS = 5_000_000_000L;
    // Quiet means under JIT_QUIET_MILLIS of compilation over this many rounds, not a quiet time: a method called once
    // per request reaches C2 after up to 15,000 calls (Tier4CompileThreshold), and the compilers can be idle for
    // seconds on the way there; the few small compilations that go on for minutes (timers, rare branches) are allowed.
    private static final int JIT_QUIET_ROUNDS = 20_000;
    private static final long JIT_QUIET_MILLIS = 20;
    private static final long JIT_CAP_NANOS = 60_000_000_000L;

    private Measure() {
    }

    /** How the warm-up ends, in words, for the run's header. */
    static String warmUpRule() {
        return String.format(java.util.Locale.ROOT, "then more, %,d at a time, until the JIT compiled for under %d ms in"
                + " such a window (a peer's warm-up capped at %d s)", JIT_QUIET_ROUNDS, JIT_QUIET_MILLIS,
                WARMUP_BUDGET_NANOS / 1_000_000_000L);
    }

    /** Per target: whole exchange and, for streams, time to the first token; anyclaude's own cost if in-process. */
    record Latency(Map<String, Histogram> total, Map<String, Histogram> firstToken, double inProcessMeanMicros,
                   Histogram inProcess, double allocatedBytesPerRequest, Map<String, Integer> exchanges,
                   boolean jitQuiet) {
    }

    /** Per target: how late each token reached the client after its frame was due to leave the mock. */
    record Drip(Map<String, Histogram> eventLag, Map<String, Integer> missingEvents) {
    }

    /**
     * Zero-delay lane: targets.get(0) is the direct one; {@code proxy} (may be null) is the in-process anyclaude
     * behind the target named {@link Target#ANYCLAUDE}, whose metrics and allocation are read.
     */
    static Latency latency(List<Target> targets, boolean stream, AnyclaudeProxy proxy, int warmup, int requests)
            throws IOException {
        Map<String, Histogram> total = new LinkedHashMap<>();
        Map<String, Histogram> first = new LinkedHashMap<>();
        List<LoopbackClient> clients = new ArrayList<>();
        MarkerClock clock = stream ? new MarkerClock() : null;
        try {
            for (Target target : targets) {
                clients.add(target.open());
                total.put(target.name(), histogram());
                first.put(target.name(), histogram());
            }
            // Warm-up, capped in time for a peer so that a slow one does not take the run's whole budget (never for
            // direct and anyclaude: a cold JVM's first requests on one core can take milliseconds each); its mean
            // sizes the target's blocks, so every block of every target lasts about as long as anyclaude's. After the
            // given count it goes on, JIT_QUIET_ROUNDS rounds at a time, until the JIT is quiet over such a window (or
            // JIT_CAP_NANOS passed): compilations during the measurement take the core from the exchanges being timed,
            // and while the compilers work they change where the scheduler puts the threads (see CpuPlacement).
            Map<String, Integer> exchanges = new LinkedHashMap<>();
            long[] warmNanos = new long[targets.size()];
            int[] warmCount = new int[targets.size()];
            boolean[] capped = new boolean[targets.size()]; // a peer, or HAProxy
            for (int t = 0; t < targets.size(); t++) {
                String name = targets.get(t).name();
                capped[t] = !name.equals(Target.DIRECT) && !name.equals(Target.ANYCLAUDE);
            }
            for (int i = 0; i < warmup; i++) {
                warmUpRound(targets, clients, clock, capped, warmNanos, warmCount);
            }
            var jit = ManagementFactory.getCompilationMXBean();
            long capEnd = System.nanoTime() + JIT_CAP_NANOS;
            boolean jitQuiet = false;
            long windowCompileMillis = 0;
            while (!jitQuiet && System.nanoTime() < capEnd) {
                long before = jit.getTotalCompilationTime();
                for (int i = 0; i < JIT_QUIET_ROUNDS && System.nanoTime() < capEnd; i++) {
                    warmUpRound(targets, clients, clock, capped, warmNanos, warmCount);
                }
                windowCompileMillis = jit.getTotalCompilationTime() - before;
                jitQuiet = windowCompileMillis < JIT_QUIET_MILLIS;
            }
            System.out.printf("  warm-up: %s exchanges per target; the JIT compiled for %d ms in the last %d rounds%s%n",
                    java.util.Arrays.toString(warmCount), windowCompileMillis, JIT_QUIET_ROUNDS,
                    jitQuiet ? "" : " (the cap's time ran out)");
            for (int t = 0; t < targets.size(); t++) {
                exchanges.put(targets.get(t).name(), warmCount[t]);
            }
            int[] block = new int[targets.size()];
            double reference = Math.max(1, warmNanos[Math.min(1, targets.size() - 1)] / (double) warmCount[Math.min(1, targets.size() - 1)]);
            for (int t = 0; t < targets.size(); t++) {
                double mean = warmNanos[t] / (double) warmCount[t];
                block[t] = (int) Math.max(MIN_BLOCK, Math.min(BLOCK, Math.round(BLOCK * reference / mean)));
            }
            ProxyMetrics metrics = proxy == null ? null : proxy.metrics();
            long requestNanos = metrics == null ? 0 : metrics.total("anyclaude.request.duration").toNanos();
            long waitNanos = metrics == null ? 0 : metrics.total("anyclaude.upstream.wait").toNanos();
            long count = metrics == null ? 0 : metrics.timerCount("anyclaude.request.duration");
            if (metrics != null) {
                metrics.inProcessSinceLastCall(); // starts the interval: warm-up samples are dropped
            }
            long directBytes = 0;
            long proxiedBytes = 0;
            long directCount = 0;
            long proxiedCount = 0;
            for (int done = 0; done < requests; done += BLOCK) {
                for (int t = 0; t < targets.size(); t++) {
                    Target target = targets.get(t);
                    Block measured = runBlock(target, clients.get(t), clock, block[t], total.get(target.name()),
                            first.get(target.name()));
                    exchanges.merge(target.name(), block[t], Integer::sum);
                    if (target.name().equals(Target.DIRECT)) {
                        directBytes += measured.allocatedBytes();
                        directCount += block[t];
                    } else if (target.name().equals(Target.ANYCLAUDE)) {
                        proxiedBytes += measured.allocatedBytes();
                        proxiedCount += block[t];
                    }
                }
            }
            double inProcess = Double.NaN;
            Histogram inProcessSamples = metrics == null ? null : metrics.inProcessSinceLastCall();
            if (metrics != null) {
                long measured = metrics.timerCount("anyclaude.request.duration") - count;
                inProcess = ((metrics.total("anyclaude.request.duration").toNanos() - requestNanos)
                        - (metrics.total("anyclaude.upstream.wait").toNanos() - waitNanos)) / (double) measured / 1000.0;
            }
            double allocated = proxy == null ? Double.NaN
                    : proxiedBytes / (double) proxiedCount - directBytes / (double) directCount;
            return new Latency(total, first, inProcess, inProcessSamples, allocated, exchanges, jitQuiet);
        } finally {
            for (LoopbackClient client : clients) {
                client.close();
            }
        }
    }

    /** Drip streams, one request per target in turn: lag of every token behind its frame's scheduled departure. */
    static Drip drip(List<Target> targets, Upstreams upstreams, int warmup, int requests) throws IOException {
        Map<String, Histogram> lag = new LinkedHashMap<>();
        Map<String, Integer> missing = new LinkedHashMap<>();
        List<LoopbackClient> clients = new ArrayList<>();
        MarkerClock clock = new MarkerClock();
        try {
            for (Target target : targets) {
                clients.add(target.dripping().open());
                lag.put(target.name(), histogram());
                missing.put(target.name(), 0);
            }
            for (int i = 0; i < warmup + requests; i++) {
                for (int t = 0; t < targets.size(); t++) {
                    Target target = targets.get(t);
                    check(target, clients.get(t).exchange(clock), null);
                    if (i < warmup) {
                        continue;
                    }
                    for (int k = 1; k <= Upstreams.DRIP_TOKENS; k++) {
                        long arrival = clock.arrival(k);
                        if (arrival == 0) {
                            missing.merge(target.name(), 1, Integer::sum);
                        } else {
                            lag.get(target.name()).recordValue(Math.max(0, arrival - upstreams.scheduled(k)));
                        }
                    }
                }
            }
            return new Drip(lag, missing);
        } finally {
            for (LoopbackClient client : clients) {
                client.close();
            }
        }
    }

    /**
     * One warm-up exchange with every target still within its time budget, through the same code as a measured block
     * (into histograms that are dropped), so that the JIT has compiled the harness's own measuring code too before
     * the measurement: compiled in the measurement, it took the one core from the exchanges being timed.
     */
    private static void warmUpRound(List<Target> targets, List<LoopbackClient> clients, MarkerClock clock,
                                    boolean[] capped, long[] warmNanos, int[] warmCount) throws IOException {
        for (int t = 0; t < targets.size(); t++) {
            if (!capped[t] || warmNanos[t] < WARMUP_BUDGET_NANOS) {
                warmNanos[t] += runBlock(targets.get(t), clients.get(t), clock, 1, WARM_UP_TOTALS, WARM_UP_FIRSTS).nanos();
                warmCount[t]++;
            }
        }
    }

    private static final Histogram WARM_UP_TOTALS = histogram();
    private static final Histogram WARM_UP_FIRSTS = histogram();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** What a block of exchanges took: their total time, and the bytes the JVM allocated meanwhile. */
    private record Block(long nanos, long allocatedBytes) {
    }

    /** {@code n} exchanges with one target, each recorded (whole exchange; first token when {@code clock} is set). */
    private static Block runBlock(Target target, LoopbackClient client, MarkerClock clock, int n, Histogram totals,
                                  Histogram firsts) throws IOException {
        long before = THREADS.getTotalThreadAllocatedBytes();
        long nanos = 0;
        for (int i = 0; i < n; i++) {
            LoopbackClient.Timing timing = check(target, client.exchange(clock), clock);
            totals.recordValue(timing.totalNanos());
            nanos += timing.totalNanos();
            if (clock != null) {
                firsts.recordValue(clock.arrival(0) - timing.startNanos());
            }
        }
        return new Block(nanos, THREADS.getTotalThreadAllocatedBytes() - before);
    }

    static Histogram histogram() {
        return new Histogram(3_600_000_000_000L, 3);
    }

    private static LoopbackClient.Timing check(Target target, LoopbackClient.Timing timing, MarkerClock clock) {
        if (timing.status() != 200) {
            throw new IllegalStateException(target.name() + " answered " + timing.status() + " at " + target.url());
        }
        if (clock != null && clock.arrival(0) == 0) {
            throw new IllegalStateException(target.name() + " answered a stream without the token marker");
        }
        return timing;
    }
}
