package dev.anyclaude.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.core.app.AnyclaudeProxy;
import dev.anyclaude.core.app.ProxyHome;
import dev.anyclaude.core.config.ConfigLoader;
import dev.anyclaude.core.config.ProxyConfig;
import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * Latency of the response cache for a 20 kB answer at concurrency 1, one keep-alive connection, 127.0.0.1:
 * <ul>
 *   <li>{@code direct}: the zero-delay mock Anthropic upstream asked directly (the floor);</li>
 *   <li>{@code miss}: through the proxy with the cache on, every request a new prompt, so each one is keyed, sent
 *       to the mock, recorded, checked and stored (heap + disk);</li>
 *   <li>{@code heap hit}: the same request again, served from the heap tier (disk tier off);</li>
 *   <li>{@code disk hit}: two requests in turn with a heap tier of one answer, so each one is read from the disk
 *       tier.</li>
 * </ul>
 * Each for a streaming client (SSE stored, SSE served) and a non-streaming one (JSON stored, JSON served).
 *
 * <p>Run: {@code bench/run-cache.sh [--requests N] [--warmup N]}.
 */
public final class CacheBench {
    private static final String[] HEADERS = {"x-api-key", "bench-key", "anthropic-version", "2023-06-01"};
    private static final String TEXT = "0123456789abcdefghij".repeat(1000); // 20,000 characters

    private CacheBench() {
    }

    private record Row(String lane, boolean stream, Histogram latency, long bodyBytes) {
    }

    public static void main(String[] args) throws Exception {
        int requests = intArg(args, "--requests", 5_000);
        int warmup = intArg(args, "--warmup", 2_000);
        Path plugins = Path.of(arg(args, "--plugins", "bench/target/plugins"));
        List<Row> rows = new ArrayList<>();
        for (boolean stream : new boolean[] {true, false}) {
            try (MockAnthropicServer upstream = upstream(stream)) {
                rows.add(direct(upstream, stream, warmup, requests));
                try (AnyclaudeProxy proxy = proxy(upstream, plugins, "{\"heapEntries\":10000,\"diskMb\":1024}")) {
                    rows.add(miss(proxy, stream, warmup, requests));
                }
                try (AnyclaudeProxy proxy = proxy(upstream, plugins, "{\"heapEntries\":100,\"diskMb\":0}")) {
                    rows.add(hits("heap hit", proxy, stream, warmup, requests, 1));
                }
                try (AnyclaudeProxy proxy = proxy(upstream, plugins, "{\"heapEntries\":1,\"diskMb\":64}")) {
                    rows.add(hits("disk hit", proxy, stream, warmup, requests, 2));
                }
            }
        }
        System.out.printf(Locale.ROOT, "# 20 kB answer, concurrency 1, %d measured + %d warm-up requests per row, Java %s, %d cores%n",
                requests, warmup, Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.println("| client | lane | body bytes | p50 us | p90 us | p99 us | p99.9 us | mean us |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Row row : rows) {
            Histogram h = row.latency();
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %.0f | %.0f | %.0f | %.0f | %.0f |%n", row.stream() ? "stream" : "json",
                    row.lane(), row.bodyBytes(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0, h.getMean() / 1000.0);
        }
    }

    private static MockAnthropicServer upstream(boolean stream) {
        MockAnthropicServer server = new MockAnthropicServer().start();
        server.setRecording(false);
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < TEXT.length(); i += 500) {
            pieces.add(TEXT.substring(i, i + 500));
        }
        List<String> frames = AnthropicFixtures.textStreamFrames(pieces, "end_turn");
        server.setDefault(stream ? MockResponse.sse(frames)
                : MockResponse.json(200, AnthropicFixtures.messageJson("msg_bench", "m", TEXT)));
        return server;
    }

    private static byte[] body(String prompt, boolean stream) {
        return ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static Row direct(MockAnthropicServer upstream, boolean stream, int warmup, int requests) throws IOException {
        try (LoopbackClient client = new LoopbackClient("127.0.0.1", upstream.port(), "/v1/messages", body("direct", stream),
                HEADERS)) {
            return measure("direct (mock)", stream, warmup, requests, i -> client.exchange());
        }
    }

    private static Row miss(AnyclaudeProxy proxy, boolean stream, int warmup, int requests) throws IOException {
        URI uri = URI.create(proxy.url());
        try (LoopbackClient client = new LoopbackClient(uri.getHost(), uri.getPort(), "/v1/messages", body("x", stream),
                HEADERS)) {
            return measure("miss (stored)", stream, warmup, requests, i -> client.exchange(body("miss " + i, stream)));
        }
    }

    private static Row hits(String lane, AnyclaudeProxy proxy, boolean stream, int warmup, int requests, int keys)
            throws IOException {
        URI uri = URI.create(proxy.url());
        byte[][] bodies = new byte[keys][];
        for (int k = 0; k < keys; k++) {
            bodies[k] = body("hit " + k, stream);
        }
        try (LoopbackClient client = new LoopbackClient(uri.getHost(), uri.getPort(), "/v1/messages", bodies[0], HEADERS)) {
            return measure(lane, stream, warmup, requests, i -> client.exchange(bodies[i % keys]));
        }
    }

    private interface Exchange {
        LoopbackClient.Timing run(int i) throws IOException;
    }

    private static Row measure(String lane, boolean stream, int warmup, int requests, Exchange exchange) throws IOException {
        Histogram histogram = new Histogram(3_600_000_000L, 3);
        long bytes = 0;
        for (int i = 0; i < warmup + requests; i++) {
            LoopbackClient.Timing timing = exchange.run(i);
            if (timing.status() != 200) {
                throw new IllegalStateException(lane + ": status " + timing.status());
            }
            if (i >= warmup) {
                histogram.recordValue(timing.totalNanos());
                bytes = timing.bodyBytes();
            }
        }
        return new Row(lane, stream, histogram, bytes);
    }

    private static AnyclaudeProxy proxy(MockAnthropicServer upstream, Path plugins, String cache) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Path state = Files.createTempDirectory("anyclaude-cache-bench");
        String json = "{\"backend\":\"bench\",\"cache\":" + cache.replace("}", ",\"path\":\""
                + state.resolve("cache") + "\"}") + ",\"backends\":{\"bench\":{\"type\":\"anthropic\",\"baseUrl\":\""
                + upstream.baseUrl() + "\",\"apiKeyEnv\":\"ANYCLAUDE_BENCH_UNSET\"}}}";
        ProxyConfig config = new ConfigLoader(mapper).parse(mapper.readTree(json), Path.of("bench-config.json"))
                .withListener("127.0.0.1", 0).withPluginDir(plugins);
        return AnyclaudeProxy.start(config, new ProxyHome(state, Optional.empty()));
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
