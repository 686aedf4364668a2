package dev.anyclaude.bench;

import java.util.ArrayList;
import java.util.List;

/** Everything one run of {@link Suite} measured, ready to be written as tables and a chart. */
final class Results {
    /** Added latency at concurrency 1, microseconds; {@code proxy} is anyclaude or a peer. */
    record LatencyRow(String lane, String proxy, double addedP50, double addedP90, double addedP99, double proxyP50,
                      double proxyP99, double directP50, double directP99) {
    }

    /**
     * Streams, microseconds: added time to the first token (zero-delay stream), and how late tokens of a drip stream
     * reach the client after their frame was due to leave the mock, through the proxy and directly.
     */
    record StreamRow(String lane, String proxy, double addedFirstTokenP50, double addedFirstTokenP99,
                     double eventLagP50, double eventLagP99, double directLagP50, double directLagP99, int missingEvents) {
    }

    /**
     * Requests/s at 32 connections, the ratio to the direct target of the same lane, and the CPU time per request
     * (µs) of the target (0 for direct), the mock and wrk meanwhile.
     */
    record ThroughputRow(String lane, String target, double requestsPerSecond, double ratioToDirect, long errors,
                         CpuMeter.PerRequest cpu) {
    }

    /** anyclaude's own cost per request on a lane (in-process, so only for anyclaude). */
    record CostRow(String lane, double inProcessMeanMicros, double inProcessP50Micros, double inProcessP99Micros,
                   long inProcessSamples, double allocatedBytes) {
    }

    /** Start-up to the first 200 through bin/anyclaude, milliseconds: wall time and the JVM's CPU time. */
    record StartupRow(String variant, String javaOpts, long medianMillis, long minMillis, long cpuMedianMillis, int runs) {
    }

    /** One JMH benchmark: average time per operation and bytes allocated per operation (gc profiler). */
    record JmhRow(String benchmark, double nanosPerOp, double errorNanos, double bytesPerOp) {
    }

    /** The c=1 lanes' main table, from the first placement the run used. */
    final List<LatencyRow> latency = new ArrayList<>();
    /** The same lanes again with the second placement, if the run used two. */
    final List<LatencyRow> latencyOtherPlacement = new ArrayList<>();
    /** The same lanes with every party in its own process, free to use every core (anyclaude from its launcher). */
    final List<LatencyRow> latencyDeployed = new ArrayList<>();
    CpuPlacement placement = CpuPlacement.ONE_CORE;
    CpuPlacement otherPlacement;
    final List<StreamRow> streams = new ArrayList<>();
    final List<ThroughputRow> throughput = new ArrayList<>();
    final List<CostRow> cost = new ArrayList<>();
    final List<StartupRow> startup = new ArrayList<>();
    final List<JmhRow> jmh = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    LauncherProbes.Memory memory;
    String header = "";

    /** The goal for added latency on a lane, as "p50 / p99" in microseconds. */
    static String latencyGoal(String lane) {
        if (lane.startsWith("passthrough")) {
            return "<= 60 / 150";
        }
        if (lane.startsWith("openai")) {
            return "<= 100 / 250";
        }
        if (lane.equals("cache-heap")) {
            return "p99 <= 300 (absolute)";
        }
        if (lane.equals("cache-disk")) {
            return "p99 <= 1000 (absolute)";
        }
        return "";
    }

    /** Whether anyclaude's row meets its goal. */
    static boolean meetsLatencyGoal(LatencyRow row) {
        return switch (row.lane()) {
            case "passthrough-json", "passthrough-sse" -> row.addedP50() <= 60 && row.addedP99() <= 150;
            case "openai-json", "openai-sse" -> row.addedP50() <= 100 && row.addedP99() <= 250;
            case "cache-heap" -> row.proxyP99() <= 300;
            case "cache-disk" -> row.proxyP99() <= 1000;
            default -> false;
        };
    }
}
