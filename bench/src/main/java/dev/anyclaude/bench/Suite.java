package dev.anyclaude.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.core.app.AnyclaudeProxy;
import dev.anyclaude.core.app.ProxyHome;
import dev.anyclaude.core.config.ConfigLoader;
import dev.anyclaude.core.config.ProxyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;

/**
 * The whole benchmark of issue 10 in one run (bench/run.sh): every lane against zero-delay mocks on 127.0.0.1,
 * anyclaude and the peers side by side, then memory and start-up through the real launcher; writes the results
 * section of docs/benchmarks.md and docs/benchmarks.svg. See docs/benchmarks.md for what each figure means.
 */
public final class Suite {
    private static final int CONNECTIONS = 32;

    private Suite() {
    }

    public static void main(String[] args) throws Exception {
        SuiteOptions options = SuiteOptions.parse(args);
        Path work = Files.createTempDirectory("anyclaude-bench");
        if (System.getProperty("anyclaude.logs") == null) {
            // Before the first logger: the proxy under test logs a line per request, as users have it, but not into
            // the user's own ~/.anyclaude/logs.
            System.setProperty("anyclaude.logs", work.resolve("logs").toString());
        }
        try {
            run(options, work);
        } finally {
            deleteQuietly(work); // configs, scratch homes, cache files and logs of the run: up to 100 MB of logs
        }
    }

    private static void run(SuiteOptions options, Path work) throws Exception {
        Results results = new Results();
        String loadBefore = loadAverage();
        try (Upstreams upstreams = new Upstreams(options.gapMillis())) {
            List<Peer> peers = startPeers(options, work, upstreams, results);
            try {
                for (Lane lane : options.runs("lanes") ? options.lanes() : List.<Lane>of()) {
                    String backend = lane.backendJson(lane.openai() ? upstreams.openai.baseUrl() : upstreams.anthropic.baseUrl());
                    runLane(options, work, upstreams, lane, lane.label(), backend, null, 1, peers, results);
                }
                runCacheLanes(options, work, upstreams, results);
            } finally {
                peers.forEach(Peer::close);
            }
            if (options.runs("memory") || options.runs("startup")) {
                launcherProbes(options, work, upstreams, results);
            }
        }
        if (options.jmhResults() != null && Files.exists(options.jmhResults())) {
            results.jmh.addAll(JmhResults.read(options.jmhResults()));
        }
        results.header = header(options, loadBefore, loadAverage(), peersLine(options));
        String section = MarkdownReport.section(results);
        System.out.println(section);
        if (options.docs() != null) {
            Files.createDirectories(options.docs());
            MarkdownReport.replaceSection(options.docs().resolve("benchmarks.md"), section);
            Files.writeString(options.docs().resolve("benchmarks.svg"), SvgChart.render(results));
            System.out.println("wrote " + options.docs().resolve("benchmarks.md") + " and benchmarks.svg");
        }
    }

    private static void deleteQuietly(Path folder) {
        try (java.util.stream.Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            System.err.println("bench: could not delete " + folder + ": " + e.getMessage());
        }
    }

    private static void runLane(SuiteOptions options, Path work, Upstreams upstreams, Lane lane, String label,
                                String backendJson, String cacheJson, int variants, List<Peer> peers, Results results)
            throws Exception {
        int upstreamPort = lane.openai() ? upstreams.openai.port() : upstreams.anthropic.port();
        Path plugins = lane.withToolCalls() ? options.plugins().resolveSibling("plugins-with-tool-calls")
                : options.plugins();
        try (AnyclaudeProxy proxy = startProxy(backendJson, cacheJson, plugins, work)) {
            List<Target> targets = new ArrayList<>();
            targets.add(Target.direct(lane, upstreamPort).varied(variants));
            targets.add(Target.proxy(Target.ANYCLAUDE, lane, proxy.port(), List.of()).varied(variants));
            if (cacheJson == null) {
                peers.stream().filter(peer -> peer.serves(lane)).forEach(peer -> targets.add(peer.target(lane)));
            }
            System.out.printf("lane %s: %s%n", label, targets.stream().map(Target::name).toList());
            measureAtConcurrencyOne(options, upstreams, lane, label, cacheJson, proxy, targets, peers, results);
            if (options.runs("throughput")) {
                double directRate = 0;
                for (Target target : targets) {
                    OptionalLong peerPid = peers.stream().filter(peer -> peer.name.equals(target.name()))
                            .mapToLong(Peer::pid).findFirst();
                    // Unmeasured first: the c=1 warm-up does not take a JIT through the code paths of 32 connections,
                    // and a first 5 s under that load was mostly the compilers' (C2 used half a core for ~15 s).
                    if (options.wrkWarmupSeconds() > 0) {
                        Wrk.run(target, CONNECTIONS, options.wrkWarmupSeconds(), work);
                    }
                    WrkProfile profile = options.profile() != null && target.name().equals(Target.ANYCLAUDE)
                            ? WrkProfile.start(options.profile(), label) : null;
                    CpuMeter cpu = new CpuMeter(peerPid);
                    Wrk.Rate rate = Wrk.run(target, CONNECTIONS, options.wrkSeconds(), work);
                    if (profile != null) {
                        profile.stop();
                    }
                    CpuMeter.PerRequest perRequest = cpu.perRequest(rate.requests());
                    if (target.name().equals(Target.DIRECT)) {
                        directRate = rate.requestsPerSecond();
                        perRequest = new CpuMeter.PerRequest(0, perRequest.mock(), perRequest.wrk());
                    }
                    results.throughput.add(new Results.ThroughputRow(label, target.name(), rate.requestsPerSecond(),
                            rate.requestsPerSecond() / directRate, rate.errors(), perRequest));
                }
            }
        }
        if (cacheJson == null && options.runs("deployed")) {
            measureAsDeployed(options, work, upstreams, lane, label, backendJson, peers, results);
        }
    }

    /**
     * The lane at concurrency 1 with every party in a process of its own, free to use every core, as users run it:
     * anyclaude through the distribution's launcher (its own JVM and flags), the client in another JVM
     * ({@link SeparateClient}), the mock in this one; the peers as in the other tables. wrk at 32 connections warms
     * anyclaude's JIT first, then exchanges at c=1 until its compilers are idle ({@link #warmUntilCompilersQuiet}),
     * then the client's own warm-up rounds.
     */
    private static void measureAsDeployed(SuiteOptions options, Path work, Upstreams upstreams, Lane lane, String label,
                                          String backendJson, List<Peer> peers, Results results) throws Exception {
        if (!Files.isExecutable(options.distribution().resolve("bin/anyclaude"))) {
            if (results.notes.stream().noneMatch(note -> note.startsWith("As deployed"))) {
                results.notes.add("As deployed: skipped, no " + options.distribution().resolve("bin/anyclaude") + ".");
            }
            return;
        }
        int upstreamPort = lane.openai() ? upstreams.openai.port() : upstreams.anthropic.port();
        try (LauncherProbes.Served proxy = new LauncherProbes(options.distribution(), work).serve(backendJson)) {
            List<Target> targets = new ArrayList<>();
            targets.add(Target.direct(lane, upstreamPort));
            targets.add(Target.proxy(Target.ANYCLAUDE, lane, proxy.port(), List.of()));
            peers.stream().filter(peer -> peer.serves(lane)).forEach(peer -> targets.add(peer.target(lane)));
            System.out.printf("  c=1 as deployed: anyclaude in its own JVM (pid %d), the client in another%n",
                    proxy.process().pid());
            try {
                Wrk.run(targets.get(1), CONNECTIONS, 2 * Math.max(1, options.wrkWarmupSeconds()), work);
            } catch (IOException noWrk) {
                System.out.println("  (no wrk warm-up: " + noWrk.getMessage() + "; the client's warm-up alone)");
            }
            String quiet = warmUntilCompilersQuiet(targets.get(1), proxy.process().pid());
            if (!quiet.isEmpty()) {
                results.notes.add("As deployed, " + label + ": " + quiet + ".");
            }
            SeparateClient.Histograms measured;
            try {
                measured = SeparateClient.measure(targets, lane.stream, options.warmup(), options.requests(), work);
            } catch (IOException failed) {
                if (targets.size() == 2) {
                    results.notes.add("As deployed, " + label + ": not measured (" + failed.getMessage() + ").");
                    return;
                }
                // a peer's failure (once HAProxy's 504 on the turn) should not cost the lane: again without the peers
                results.notes.add("As deployed, " + label + ": measured again without "
                        + targets.subList(2, targets.size()).stream().map(Target::name).toList() + " after "
                        + failed.getMessage() + ".");
                measured = SeparateClient.measure(targets.subList(0, 2), lane.stream, options.warmup(),
                        options.requests(), work);
            }
            results.latencyDeployed.addAll(latencyRows(label, targets.subList(0, measured.total().size()),
                    measured.total()));
        }
    }

    /**
     * The c=1 lanes, once per placement the options name, in their order: the main one gives the main latency table, the streams and
     * anyclaude's own cost; a second gives only its own latency table.
     */
    private static void measureAtConcurrencyOne(SuiteOptions options, Upstreams upstreams, Lane lane, String label,
                                                String cacheJson, AnyclaudeProxy proxy, List<Target> targets,
                                                List<Peer> peers, Results results) throws Exception {
        var upstream = lane.openai() ? upstreams.openai : upstreams.anthropic;
        int upstreamBefore = upstream.requestCount();
        int directExchanges = 0;
        int proxiedExchanges = 0;
        List<Long> peerPids = peers.stream().filter(peer -> targets.stream().anyMatch(t -> t.name().equals(peer.name)))
                .map(Peer::pid).toList();
        List<CpuPlacement> placements = options.placements();
        CpuPlacement mainPlacement = CpuPlacement.main(placements);
        results.placement = mainPlacement;
        for (CpuPlacement placement : placements) {
            boolean main = placement == mainPlacement;
            Measure.Latency latency;
            Measure.Drip drip = null;
            try (CpuPlacement.Applied applied = placement.apply(peerPids)) {
                System.out.printf("  c=1, %s%n", placement.description());
                if (!applied.caveat().isEmpty() && results.notes.stream().noneMatch(n -> n.contains(applied.caveat()))) {
                    results.notes.add("c=1 lanes on " + placement.description() + " ran " + applied.caveat() + ".");
                }
                latency = Measure.latency(targets, lane.stream, proxy, options.warmup(), options.requests());
                if (main && lane.stream && cacheJson == null) {
                    try (AutoCloseable yielded = applied.compilersYield()) {
                        drip = Measure.drip(targets, upstreams, options.dripWarmup(), options.dripRequests());
                    }
                }
            }
            directExchanges += latency.exchanges().get(Target.DIRECT);
            proxiedExchanges += latency.exchanges().get(Target.ANYCLAUDE);
            if (!latency.jitQuiet()) {
                results.notes.add(label + " (" + placement.description() + "): the JIT was still compiling when the"
                        + " warm-up's time ran out; the figures include its work.");
            }
            if (!main) {
                results.otherPlacement = placement;
                results.latencyOtherPlacement.addAll(latencyRows(label, targets, latency));
                continue;
            }
            results.latency.addAll(latencyRows(label, targets, latency));
            Histogram inProcess = latency.inProcess();
            boolean sampled = inProcess != null && inProcess.getTotalCount() > 0;
            results.cost.add(new Results.CostRow(label, latency.inProcessMeanMicros(),
                    sampled ? inProcess.getValueAtPercentile(50) / 1000.0 : Double.NaN,
                    sampled ? inProcess.getValueAtPercentile(99) / 1000.0 : Double.NaN,
                    sampled ? inProcess.getTotalCount() : 0, latency.allocatedBytesPerRequest()));
            if (drip != null) {
                Histogram directFirst = latency.firstToken().get(Target.DIRECT);
                Histogram directLag = drip.eventLag().get(Target.DIRECT);
                for (Target target : targets.subList(1, targets.size())) {
                    Histogram first = latency.firstToken().get(target.name());
                    Histogram lag = drip.eventLag().get(target.name());
                    results.streams.add(new Results.StreamRow(label, target.name(), added(first, directFirst, 50),
                            added(first, directFirst, 99), micros(lag, 50), micros(lag, 99), micros(directLag, 50),
                            micros(directLag, 99), drip.missingEvents().get(target.name())));
                }
            }
        }
        if (cacheJson != null) { // every placement's requests: the upstream saw direct's and anyclaude's misses
            int calls = upstream.requestCount() - upstreamBefore - directExchanges;
            results.notes.add(String.format(java.util.Locale.ROOT, "%s: anyclaude answered %d requests (warm-up"
                    + " included) and asked the upstream %d times (the misses that filled the cache).", label,
                    proxiedExchanges, calls));
        }
    }

    private static void runCacheLanes(SuiteOptions options, Path work, Upstreams upstreams, Results results) throws Exception {
        if (!options.runs("cache")) {
            return;
        }
        Optional<Path> plugin = CacheLanes.pluginJar(options.plugins());
        if (plugin.isEmpty()) {
            results.notes.add("Cache-hit lanes skipped: no cache plugin JAR in " + options.plugins()
                    + " (plugins/cache is not merged on this branch yet).");
            return;
        }
        String backend = Lane.PASSTHROUGH_JSON.backendJson(upstreams.anthropic.baseUrl());
        for (String tier : options.cacheTiers()) {
            runLane(options, work, upstreams, Lane.PASSTHROUGH_JSON, "cache-" + tier, backend,
                    CacheLanes.config(tier, work), CacheLanes.variants(tier), List.of(), results);
        }
    }

    private static void launcherProbes(SuiteOptions options, Path work, Upstreams upstreams, Results results) throws Exception {
        Path distribution = options.distribution();
        if (!Files.isExecutable(distribution.resolve("bin/anyclaude"))) {
            results.notes.add("Memory and start-up skipped: no " + distribution.resolve("bin/anyclaude") + ".");
            return;
        }
        LauncherProbes probes = new LauncherProbes(distribution, work);
        if (options.runs("memory")) {
            System.out.printf("memory: %d open streams%n", options.streams());
            results.memory = probes.memory(options.streams());
        }
        if (options.runs("startup")) {
            int port = upstreams.anthropic.port();
            int runs = options.startupRuns();
            System.out.println("start-up: no class data and the launcher's default (its AOT cache, or CDS archive before"
                    + " JDK 25), in turn");
            LauncherProbes.Startups startups = probes.startups(port, runs);
            results.startup.add(row("no class data (ANYCLAUDE_CDS=off)", "", startups.withoutClassData(), runs));
            results.startup.add(row("launcher default: its AOT cache (JDK 25+; a CDS archive on 21-24), made by its first runs", "",
                    startups.launcherDefault(), runs));
        }
    }

    private static Results.StartupRow row(String variant, String opts, LauncherProbes.Startup startup, int runs) {
        return new Results.StartupRow(variant, opts, startup.wallMillis().getValueAtPercentile(50),
                startup.wallMillis().getMinValue(), startup.cpuMillis().getValueAtPercentile(50), runs);
    }

    private static List<Peer> startPeers(SuiteOptions options, Path work, Upstreams upstreams, Results results) {
        List<Peer> peers = new ArrayList<>();
        if (!options.runs("peers")) {
            return peers;
        }
        try {
            peers.add(Peer.haproxy(work, upstreams.anthropic.port()));
        } catch (IOException | InterruptedException e) {
            results.notes.add("HAProxy did not start (bench/run.sh installs Debian's package): " + e.getMessage());
        }
        if (options.peers() == null || !Files.isDirectory(options.peers())) {
            results.notes.add("Node peers skipped: no peer installation at " + options.peers() + ".");
            return peers;
        }
        try {
            peers.add(Peer.claudeCodeRouter(options.peers(), work, upstreams.openai.port()));
        } catch (IOException | InterruptedException e) {
            results.notes.add("claude-code-router did not start: " + e.getMessage());
        }
        try {
            peers.add(Peer.portkey(options.peers(), work, upstreams.anthropic.port()));
        } catch (IOException | InterruptedException e) {
            results.notes.add("Portkey did not start: " + e.getMessage());
        }
        return peers;
    }

    static AnyclaudeProxy startProxy(String backendJson, String cacheJson, Path plugins, Path work) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        String json = "{\"backend\":\"bench\",\"backends\":{\"bench\":" + backendJson + "}"
                + (cacheJson == null ? "" : ",\"cache\":" + cacheJson) + "}";
        ProxyConfig config = new ConfigLoader(mapper).parse(mapper.readTree(json), Path.of("bench-config.json"))
                .withListener("127.0.0.1", 0).withPluginDir(plugins);
        return AnyclaudeProxy.start(config, new ProxyHome(Files.createTempDirectory(work, "home"), Optional.empty()));
    }

    /**
     * Exchanges at concurrency 1 with the proxy (from this JVM) in windows of 2 s until its JIT compiler threads used
     * under 20 ms of CPU in one: the paths of one connection are not those of 32, and the separate client's own
     * warm-up watches only its own JIT (a first try had anyclaude's C2 busy through the client's warm-up). Empty when
     * quiet; else what happened, for the notes.
     */
    private static String warmUntilCompilersQuiet(Target proxy, long pid) throws Exception {
        long end = System.nanoTime() + 30_000_000_000L;
        long compiling = Long.MAX_VALUE;
        try (LoopbackClient client = proxy.open()) {
            while (System.nanoTime() < end) {
                long before = CpuPlacement.compilerCpuNanos(pid);
                long window = System.nanoTime() + 2_000_000_000L;
                while (System.nanoTime() < window) {
                    client.exchange();
                }
                compiling = CpuPlacement.compilerCpuNanos(pid) - before;
                if (compiling <= 20_000_000L) {
                    return "";
                }
            }
        }
        return "anyclaude's JIT still compiled for " + compiling / 1_000_000 + " ms in the last 2 s of a 30 s warm-up"
                + " at c=1";
    }

    private static List<Results.LatencyRow> latencyRows(String label, List<Target> targets, Measure.Latency latency) {
        return latencyRows(label, targets, latency.total());
    }

    private static List<Results.LatencyRow> latencyRows(String label, List<Target> targets, Map<String, Histogram> total) {
        Histogram direct = total.get(Target.DIRECT);
        List<Results.LatencyRow> rows = new ArrayList<>();
        for (Target target : targets.subList(1, targets.size())) {
            Histogram h = total.get(target.name());
            rows.add(new Results.LatencyRow(label, target.name(), added(h, direct, 50), added(h, direct, 90),
                    added(h, direct, 99), micros(h, 50), micros(h, 99), micros(direct, 50), micros(direct, 99)));
        }
        return rows;
    }

    private static double added(Histogram proxied, Histogram direct, double percentile) {
        return micros(proxied, percentile) - micros(direct, percentile);
    }

    private static double micros(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String peersLine(SuiteOptions options) {
        if (!options.runs("peers")) {
            return "";
        }
        String haproxy = firstLine("haproxy", "-v").replaceAll("^HAProxy version (\\S+).*", "$1");
        String line = " Reference: HAProxy " + haproxy + " (Debian's package).";
        if (options.peers() == null || !Files.isDirectory(options.peers())) {
            return line;
        }
        return line + " Peers: claude-code-router " + Peer.versions().get(Peer.CCR) + " and the Portkey gateway "
                + Peer.versions().get(Peer.PORTKEY) + " on Node " + firstLine("node", "--version") + ".";
    }

    private static String firstLine(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return out.lines().findFirst().orElse("unknown").trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String header(SuiteOptions options, String loadBefore, String loadAfter, String peers) {
        double load = Double.parseDouble(loadBefore.split(" ")[0].replace("unknown", "0"));
        String busy = load > Runtime.getRuntime().availableProcessors()
                ? " **The load average before the run was above the number of cores: other work shared the machine, so"
                        + " the tails (p99) and the throughput are noise and the medians are inflated; a re-run on a quiet"
                        + " machine is needed before reading tails.**"
                : "";
        String placements = options.placements().stream().map(CpuPlacement::description)
                .collect(java.util.stream.Collectors.joining(", then ")) + (options.placements().size() > 1
                ? "; the main table " + CpuPlacement.main(options.placements()).description() : "");
        return String.format(java.util.Locale.ROOT,
                "Run of %s UTC (%s), Java %s, %d cores; load average (1/5/15 min) before: %s, after (the run's own"
                        + " load included): %s. c=1 lanes (%s): %d warm-up requests per target, %s, then %d measured,"
                        + " blocks interleaved; drip streams: %d per"
                        + " target, %d ms between frames; wrk: %d connections, %d s per target after %d s of warm-up."
                        + " anyclaude's request log: %s.%s%s",
                Instant.now().truncatedTo(ChronoUnit.MINUTES).toString().replace('T', ' ').replace("Z", ""),
                options.quick() ? "--quick" : "full", Runtime.version(), Runtime.getRuntime().availableProcessors(),
                loadBefore, loadAfter, placements, options.warmup(), Measure.warmUpRule(), options.requests(),
                options.dripRequests(),
                options.gapMillis(), CONNECTIONS, options.wrkSeconds(), options.wrkWarmupSeconds(), requestLog(),
                peers, busy);
    }

    /** Whether the proxy under test wrote its line per request, as it does at the users' default level. */
    private static String requestLog() {
        return org.slf4j.LoggerFactory.getLogger("anyclaude.requests").isInfoEnabled()
                ? "on, a line per request in its log file (INFO, the default users get)"
                : "off (anyclaude.log.level above INFO; users get it on)";
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
