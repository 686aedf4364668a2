package dev.anyclaude.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

/**
 * CPU time per party while wrk loads one target, so that a throughput figure says where the two cores went: the
 * target proxy, the mock upstream, and wrk itself. The mocks run in this JVM on threads named {@code mock-*} (their
 * IO and stream threads); anyclaude runs in this JVM too, so its share is the JVM's CPU time minus the mocks' (JIT
 * and GC included: they are the proxy's, the harness's own client is idle during wrk). A peer is its own process
 * (and its children); wrk is a child of this JVM, counted once reaped, from {@code /proc/self/stat}.
 */
final class CpuMeter {
    private static final long TICK_NANOS = 10_000_000L; // USER_HZ is 100 on Linux

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final OptionalLong peerPid;
    private final long jvm;
    private final long mocks;
    private final long children;
    private final long peer;

    /** Starts measuring; {@code peerPid} is the process of a peer under load, empty for direct and anyclaude. */
    CpuMeter(OptionalLong peerPid) {
        this.peerPid = peerPid;
        this.jvm = os.getProcessCpuTime();
        this.mocks = mockThreadsNanos();
        this.children = reapedChildrenNanos();
        this.peer = peerPid.isPresent() ? processTreeNanos(peerPid.getAsLong()) : 0;
    }

    /** CPU time per request, µs, of each party since the start; the target's is 0 for direct. */
    record PerRequest(double target, double mock, double wrk) {
    }

    /** What each party used since this meter started, divided by {@code requests}. */
    PerRequest perRequest(long requests) {
        long mockNanos = mockThreadsNanos() - mocks;
        long jvmNanos = os.getProcessCpuTime() - jvm;
        long targetNanos = peerPid.isPresent() ? processTreeNanos(peerPid.getAsLong()) - peer : jvmNanos - mockNanos;
        long wrkNanos = reapedChildrenNanos() - children;
        double n = Math.max(1, requests) * 1000.0;
        return new PerRequest(Math.max(0, targetNanos) / n, mockNanos / n, wrkNanos / n);
    }

    private long mockThreadsNanos() {
        long total = 0;
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            if (thread.getName().startsWith("mock-")) {
                long nanos = threads.getThreadCpuTime(thread.threadId());
                total += Math.max(0, nanos);
            }
        }
        return total;
    }

    /** utime + stime of the children this JVM has waited for (fields 16 and 17 of /proc/self/stat). */
    private static long reapedChildrenNanos() {
        long[] fields = statFields(Path.of("/proc/self/stat"));
        return fields.length > 14 ? (fields[13] + fields[14]) * TICK_NANOS : 0;
    }

    /** utime + stime of a process and of its live descendants. */
    private static long processTreeNanos(long pid) {
        long total = ownNanos(pid);
        for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(java.util.List.of())) {
            total += ownNanos(child.pid());
        }
        return total;
    }

    private static long ownNanos(long pid) {
        return Math.max(0, cpuNanos(Path.of("/proc/" + pid + "/stat")));
    }

    /**
     * utime + stime, in ns, of the process or thread a stat file is of ({@code /proc/PID/stat},
     * {@code /proc/PID/task/TID/stat}); -1 when it cannot be read (the process or thread has ended).
     */
    static long cpuNanos(Path stat) {
        long[] fields = statFields(stat);
        return fields.length > 12 ? (fields[11] + fields[12]) * TICK_NANOS : -1;
    }

    /** Fields 3 to 17 of a /proc stat file, after the command name (the state, field 3, read as 0). */
    private static long[] statFields(Path stat) {
        try {
            String text = Files.readString(stat);
            String[] parts = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
            long[] out = new long[Math.min(parts.length, 15)];
            for (int i = 1; i < out.length; i++) {
                out[i] = Long.parseLong(parts[i]);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return new long[0];
        }
    }
}
