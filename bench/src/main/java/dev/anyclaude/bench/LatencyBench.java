package dev.anyclaude.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.core.app.AnyclaudeProxy;
import dev.anyclaude.core.app.ProxyHome;
import dev.anyclaude.core.config.ConfigLoader;
import dev.anyclaude.core.config.ProxyConfig;
import dev.anyclaude.core.plugins.ProxyMetrics;
import dev.anyclaude.testkit.MockServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * Added latency of the proxy's lanes at concurrency 1: the same zero-delay mock upstream on 127.0.0.1, asked
 * directly (in its own protocol) and through the proxy (in Anthropic's), interleaved in blocks of 500 within one
 * run. Per lane it also reports the proxy's in-process time per request (request time minus the wait for upstream
 * headers, mean) and the bytes the proxy allocates per request (JVM-wide allocation during the proxied block minus
 * during the direct block, per request).
 *
 * <p>Run: {@code bench/run-latency.sh [--requests N] [--warmup N] [--clients undertow,jdk]
 * [--lanes passthrough-json,passthrough-sse,openai-json,openai-sse]}.
 */
public final class LatencyBench {
    private static final int BLOCK = 500;
    private static final String[] HEADERS = {"x-api-key", "bench-key", "anthropic-version", "2023-06-01"};

    private LatencyBench() {
    }

    private record Result(Lane lane, String client, Histogram direct, Histogram proxied, double inProcessMicros,
                          double allocatedBytes) {
    }

    public static void main(String[] args) throws Exception {
        int requests = intArg(args, "--requests", 20_000);
        int warmup = intArg(args, "--warmup", 10_000);
        List<String> clients = List.of(arg(args, "--clients", "undertow").split(","));
        List<Lane> lanes = new ArrayList<>();
        for (String name : arg(args, "--lanes", "passthrough-json,passthrough-sse,openai-json,openai-sse").split(",")) {
            lanes.add(Lane.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_')));
        }
        Path plugins = Path.of(arg(args, "--plugins", "bench/target/plugins"));

        List<Result> results = new ArrayList<>();
        for (String client : clients) {
            for (Lane lane : lanes) {
                try (MockServer upstream = lane.startUpstream();
                     AnyclaudeProxy proxy = startProxy(lane, upstream.baseUrl(), client, plugins)) {
                    results.add(measure(lane, client, upstream, proxy, warmup, requests));
                }
            }
        }
        print(results, requests, warmup);
    }

    private static Result measure(Lane lane, String client, MockServer upstream, AnyclaudeProxy proxy, int warmup,
                                  int requests) throws IOException {
        URI proxyUri = URI.create(proxy.url());
        Histogram direct = new Histogram(3_600_000_000L, 3);
        Histogram proxied = new Histogram(3_600_000_000L, 3);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long directBytes = 0;
        long proxiedBytes = 0;
        try (LoopbackClient toUpstream = new LoopbackClient("127.0.0.1", upstream.port(), lane.directPath(), lane.directBody(), HEADERS);
             LoopbackClient toProxy = new LoopbackClient(proxyUri.getHost(), proxyUri.getPort(), "/v1/messages?beta=true",
                     lane.proxyBody(), HEADERS)) {
            for (int i = 0; i < warmup; i++) {
                check(toUpstream.exchange());
                check(toProxy.exchange());
            }
            ProxyMetrics metrics = proxy.metrics();
            long requestNanos = metrics.total("anyclaude.request.duration").toNanos();
            long waitNanos = metrics.total("anyclaude.upstream.wait").toNanos();
            long count = metrics.timerCount("anyclaude.request.duration");
            for (int done = 0; done < requests; done += BLOCK) {
                long before = threads.getTotalThreadAllocatedBytes();
                for (int i = 0; i < BLOCK; i++) {
                    direct.recordValue(check(toUpstream.exchange()).totalNanos());
                }
                long middle = threads.getTotalThreadAllocatedBytes();
                for (int i = 0; i < BLOCK; i++) {
                    proxied.recordValue(check(toProxy.exchange()).totalNanos());
                }
                long after = threads.getTotalThreadAllocatedBytes();
                directBytes += middle - before;
                proxiedBytes += after - middle;
            }
            long measured = metrics.timerCount("anyclaude.request.duration") - count;
            double inProcess = ((metrics.total("anyclaude.request.duration").toNanos() - requestNanos)
                    - (metrics.total("anyclaude.upstream.wait").toNanos() - waitNanos)) / (double) measured / 1000.0;
            return new Result(lane, client, direct, proxied, inProcess, (proxiedBytes - directBytes) / (double) requests);
        }
    }

    private static void print(List<Result> results, int requests, int warmup) {
        System.out.printf(Locale.ROOT, "# concurrency 1, %d measured + %d warm-up requests per target, Java %s, %d cores%n",
                requests, warmup, Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.println("| lane | client | target | p50 us | p90 us | p99 us | p99.9 us | mean us |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            row(r, "direct", r.direct);
            row(r, "proxy", r.proxied);
        }
        System.out.println();
        System.out.println("| lane | client | added p50 us | added p90 us | added p99 us | in-process mean us | proxy allocation per request |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %.0f | %.1f KB |%n", r.lane.label(), r.client,
                    added(r, 50), added(r, 90), added(r, 99), r.inProcessMicros, r.allocatedBytes / 1024.0);
        }
    }

    private static double added(Result r, double percentile) {
        return (r.proxied.getValueAtPercentile(percentile) - r.direct.getValueAtPercentile(percentile)) / 1000.0;
    }

    private static void row(Result r, String target, Histogram h) {
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f |%n", r.lane.label(), r.client, target,
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMean() / 1000.0);
    }

    private static LoopbackClient.Timing check(LoopbackClient.Timing timing) {
        if (timing.status() != 200) {
            throw new IllegalStateException("status " + timing.status());
        }
        return timing;
    }

    private static AnyclaudeProxy startProxy(Lane lane, String upstream, String client, Path plugins) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        String json = "{\"backend\":\"bench\",\"server\":{\"httpClient\":\"" + client + "\"},\"backends\":{\"bench\":"
                + lane.backendJson(upstream) + "}}";
        ProxyConfig config = new ConfigLoader(mapper).parse(mapper.readTree(json), Path.of("bench-config.json"))
                .withListener("127.0.0.1", 0).withPluginDir(plugins);
        return AnyclaudeProxy.start(config, new ProxyHome(Files.createTempDirectory("anyclaude-bench"), Optional.empty()));
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(arg(args, name, Integer.toString(fallback)));
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
