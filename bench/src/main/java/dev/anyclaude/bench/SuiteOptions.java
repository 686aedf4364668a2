package dev.anyclaude.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The command line of {@link Suite}: {@code --quick} (seconds, for development) or the full run, where things are,
 * and {@code --skip} to leave out parts (lanes, peers, throughput, deployed, cache, memory, startup, jmh). {@code --lanes} names the lanes
 * to run; naming {@code cache-heap} or {@code cache-disk} there runs only those cache lanes (by default both run).
 * {@code --c1-placement one-core|free|both} says where the concurrency-1 lanes run ({@link CpuPlacement}; both by
 * default: free first, for a second table, then one core for the main table, the streams and the in-process cost).
 * {@code --profile DIR} records a CPU profile while wrk measures anyclaude ({@link WrkProfile}); such a run writes no
 * docs, since the profiler's cost is in its figures.
 */
record SuiteOptions(boolean quick, int warmup, int requests, int dripWarmup, int dripRequests, long gapMillis,
                    int wrkSeconds, int wrkWarmupSeconds, int streams, int startupRuns, List<Lane> lanes,
                    List<String> cacheTiers, List<CpuPlacement> placements, Set<String> skip, Path plugins,
                    Path peers, Path distribution, Path docs, Path jmhResults, Path profile) {

    static SuiteOptions parse(String... args) {
        boolean quick = List.of(args).contains("--quick");
        List<Lane> lanes = new ArrayList<>();
        List<String> cacheTiers = new ArrayList<>();
        for (String name : arg(args, "--lanes", "passthrough-json,passthrough-sse,openai-json,openai-sse,compatible-tools-sse,claude-code-turn,claude-code-turn-openai").split(",")) {
            String lane = name.trim().toLowerCase(Locale.ROOT);
            if (lane.equals("cache-heap") || lane.equals("cache-disk")) {
                cacheTiers.add(lane.substring("cache-".length()));
            } else {
                lanes.add(Lane.valueOf(lane.toUpperCase(Locale.ROOT).replace('-', '_')));
            }
        }
        if (cacheTiers.isEmpty()) {
            cacheTiers = List.of("heap", "disk"); // the cache lanes run unless --skip cache, or --lanes names some
        }
        String docs = arg(args, "--docs", "docs");
        String jmh = arg(args, "--jmh-results", "");
        String profile = arg(args, "--profile", "");
        return new SuiteOptions(quick,
                Integer.parseInt(arg(args, "--warmup", quick ? "300" : "3000")),
                Integer.parseInt(arg(args, "--requests", quick ? "500" : "10000")),
                quick ? 5 : 20,
                Integer.parseInt(arg(args, "--drip-requests", quick ? "20" : "100")),
                2,
                Integer.parseInt(arg(args, "--wrk-seconds", quick ? "2" : "5")),
                Integer.parseInt(arg(args, "--wrk-warmup", quick ? "1" : "5")),
                Integer.parseInt(arg(args, "--streams", "1000")),
                quick ? 1 : 5,
                lanes,
                List.copyOf(cacheTiers),
                CpuPlacement.parse(arg(args, "--c1-placement", "both")),
                Set.of(arg(args, "--skip", "").split(",")),
                Path.of(arg(args, "--plugins", "bench/target/plugins")),
                Path.of(arg(args, "--peers", System.getProperty("user.home") + "/.cache/anyclaude-bench/peers")),
                Path.of(arg(args, "--distribution", "distribution/target/anyclaude")),
                docs.isEmpty() || docs.equals("none") || !profile.isEmpty() ? null : Path.of(docs),
                jmh.isEmpty() ? null : Path.of(jmh),
                profile.isEmpty() ? null : Path.of(profile));
    }

    /** Whether a part (peers, throughput, cache, memory, startup) is to run. */
    boolean runs(String part) {
        return !skip.contains(part);
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
