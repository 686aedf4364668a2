package dev.anyclaude.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.core.app.AnyclaudeProxy;
import dev.anyclaude.core.app.ProxyHome;
import dev.anyclaude.core.config.ConfigLoader;
import dev.anyclaude.core.config.ProxyConfig;
import dev.anyclaude.core.plugins.InMemoryMetrics;
import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * Added latency of the Anthropic passthrough lane at concurrency 1: the same zero-delay mock upstream on
 * 127.0.0.1, asked directly and through the proxy, interleaved in blocks within one run, for each upstream HTTP
 * client the proxy can use. Also reports the proxy's in-process time per request (request time minus the wait for
 * upstream headers, as a mean).
 *
 * <p>Run: {@code bench/run-passthrough.sh [--requests N] [--warmup N] [--clients undertow,jdk] [--lanes json,sse]}.
 */
public final class PassthroughLatency {
    private static final byte[] BODY = ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":false,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hi in one word.\"}]}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] STREAM_BODY = new String(BODY, StandardCharsets.UTF_8)
            .replace("\"stream\":false", "\"stream\":true").getBytes(StandardCharsets.UTF_8);
    private static final int BLOCK = 500;

    private PassthroughLatency() {
    }

    public static void main(String[] args) throws Exception {
        int requests = intArg(args, "--requests", 20_000);
        int warmup = intArg(args, "--warmup", 10_000);
        List<String> clients = List.of(stringArg(args, "--clients", "undertow,jdk").split(","));
        List<String> lanes = List.of(stringArg(args, "--lanes", "json,sse").split(","));
        Path plugins = Path.of(stringArg(args, "--plugins", "bench/target/plugins"));

        System.out.printf(Locale.ROOT, "# passthrough, concurrency 1, %d measured + %d warm-up requests per target, Java %s, %d cores%n",
                requests, warmup, Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.println("| lane | client | target | p50 us | p90 us | p99 us | p99.9 us | mean us |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        StringBuilder added = new StringBuilder();
        try (MockAnthropicServer upstream = new MockAnthropicServer().start()) {
            upstream.setRecording(false);
            for (String client : clients) {
                try (AnyclaudeProxy proxy = startProxy(upstream.baseUrl(), client, plugins)) {
                    for (String lane : lanes) {
                        boolean stream = lane.equals("sse");
                        upstream.setDefault(stream ? MockResponse.sse(AnthropicFixtures.textStreamFrames())
                                : MockResponse.json(200, AnthropicFixtures.messageJson()));
                        byte[] body = stream ? STREAM_BODY : BODY;
                        Result result = measure(upstream, proxy, body, warmup, requests);
                        row(lane, client, "direct", result.direct);
                        row(lane, client, "proxy", result.proxied);
                        added.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %.1f |%n", lane, client,
                                us(result.proxied.getValueAtPercentile(50) - result.direct.getValueAtPercentile(50)),
                                us(result.proxied.getValueAtPercentile(90) - result.direct.getValueAtPercentile(90)),
                                us(result.proxied.getValueAtPercentile(99) - result.direct.getValueAtPercentile(99)),
                                result.inProcessMeanMicros));
                    }
                }
            }
        }
        System.out.println();
        System.out.println("| lane | client | added p50 us | added p90 us | added p99 us | in-process mean us |");
        System.out.println("|---|---|---|---|---|---|");
        System.out.print(added);
    }

    private record Result(Histogram direct, Histogram proxied, double inProcessMeanMicros) {
    }

    private static Result measure(MockAnthropicServer upstream, AnyclaudeProxy proxy, byte[] body, int warmup, int requests)
            throws IOException {
        URI proxyUri = URI.create(proxy.url());
        String[] headers = {"x-api-key", "bench-key", "anthropic-version", "2023-06-01"};
        Histogram direct = new Histogram(3_600_000_000L, 3);
        Histogram proxied = new Histogram(3_600_000_000L, 3);
        try (LoopbackClient toUpstream = new LoopbackClient("127.0.0.1", upstream.port(), "/v1/messages?beta=true", body, headers);
             LoopbackClient toProxy = new LoopbackClient(proxyUri.getHost(), proxyUri.getPort(), "/v1/messages?beta=true", body, headers)) {
            for (int i = 0; i < warmup; i++) {
                check(toUpstream.exchange());
                check(toProxy.exchange());
            }
            InMemoryMetrics metrics = proxy.metrics();
            long requestNanos = metrics.total("anyclaude.request.duration").toNanos();
            long waitNanos = metrics.total("anyclaude.upstream.wait").toNanos();
            long count = metrics.timerCount("anyclaude.request.duration");
            for (int done = 0; done < requests; done += BLOCK) {
                for (int i = 0; i < BLOCK; i++) {
                    direct.recordValue(check(toUpstream.exchange()).totalNanos());
                }
                for (int i = 0; i < BLOCK; i++) {
                    proxied.recordValue(check(toProxy.exchange()).totalNanos());
                }
            }
            long measured = metrics.timerCount("anyclaude.request.duration") - count;
            double inProcess = ((metrics.total("anyclaude.request.duration").toNanos() - requestNanos)
                    - (metrics.total("anyclaude.upstream.wait").toNanos() - waitNanos)) / (double) measured / 1000.0;
            return new Result(direct, proxied, inProcess);
        }
    }

    private static LoopbackClient.Timing check(LoopbackClient.Timing timing) {
        if (timing.status() != 200) {
            throw new IllegalStateException("status " + timing.status());
        }
        return timing;
    }

    private static AnyclaudeProxy startProxy(String upstream, String client, Path plugins) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        String json = """
                {"backend":"claude","server":{"httpClient":"%s"},
                 "backends":{"claude":{"type":"anthropic","baseUrl":"%s","apiKeyEnv":"ANYCLAUDE_BENCH_UNSET"}}}"""
                .formatted(client, upstream);
        ProxyConfig config = new ConfigLoader(mapper).parse(mapper.readTree(json), Path.of("bench-config.json"))
                .withListener("127.0.0.1", 0).withPluginDir(plugins);
        return AnyclaudeProxy.start(config, new ProxyHome(Files.createTempDirectory("anyclaude-bench"), Optional.empty()));
    }

    private static void row(String lane, String client, String target, Histogram h) {
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f |%n", lane, client, target,
                us(h.getValueAtPercentile(50)), us(h.getValueAtPercentile(90)), us(h.getValueAtPercentile(99)),
                us(h.getValueAtPercentile(99.9)), h.getMean() / 1000.0);
    }

    private static double us(double nanos) {
        return nanos / 1000.0;
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)));
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
