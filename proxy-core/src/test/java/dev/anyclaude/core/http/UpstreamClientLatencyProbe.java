package dev.anyclaude.core.http;

import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.api.http.UpstreamRequest;
import dev.anyclaude.api.http.UpstreamResponse;
import io.undertow.Undertow;
import io.undertow.util.Headers;
import org.HdrHistogram.Histogram;
import org.xnio.Options;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Not a test: a manual probe of the latency each {@link UpstreamClient} adds. Starts an Undertow server on
 * 127.0.0.1 answering a fixed 200-byte JSON, then per client sends {@code warmup} requests and times
 * {@code measured} sequential ones from a virtual thread (send, read the body to the end, close), and prints
 * percentiles in microseconds.
 *
 * <p>Arguments: {@code [warmup=20000] [measured=50000] [rounds=1]}.
 */
public final class UpstreamClientLatencyProbe {

    private static final byte[] ANSWER = answer();
    private static final byte[] REQUEST = ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}").getBytes(StandardCharsets.UTF_8);

    private UpstreamClientLatencyProbe() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;

        Undertow server = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setIoThreads(1)
                .setWorkerOption(Options.TCP_NODELAY, true)
                .setHandler(exchange -> {
                    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                    exchange.getResponseSender().send(ByteBuffer.wrap(ANSWER));
                })
                .build();
        server.start();
        int port = ((InetSocketAddress) server.getListenerInfo().getFirst().getAddress()).getPort();
        URI uri = URI.create("http://127.0.0.1:" + port + "/v1/messages");
        System.out.printf("java %s, %d cores, answer %d bytes, warmup %d, measured %d%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), ANSWER.length, warmup, measured);
        System.out.printf("%-10s %8s %8s %8s %8s %8s %8s%n", "client", "p50", "p90", "p99", "p99.9", "max", "mean");

        try (ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < rounds; round++) {
                Map<String, Callable<UpstreamClient>> clients = new LinkedHashMap<>();
                clients.put("jdk", JdkUpstreamClient::new);
                clients.put("undertow", UndertowUpstreamClient::new);
                for (Map.Entry<String, Callable<UpstreamClient>> entry : clients.entrySet()) {
                    UpstreamClient client = entry.getValue().call();
                    try {
                        Histogram histogram = virtualThreads.submit(() -> {
                            run(client, uri, warmup, null);
                            Histogram h = new Histogram(3);
                            run(client, uri, measured, h);
                            return h;
                        }).get();
                        print(entry.getKey(), histogram);
                    } finally {
                        ((AutoCloseable) client).close();
                    }
                }
            }
        } finally {
            server.stop();
        }
    }

    private static void run(UpstreamClient client, URI uri, int count, Histogram histogram) throws Exception {
        UpstreamRequest request = UpstreamRequest.post(uri, REQUEST)
                .withHeader("content-type", "application/json")
                .withHeader("anthropic-version", "2023-06-01");
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            try (UpstreamResponse response = client.send(request)) {
                if (response.status() != 200 || response.body().readAllBytes().length != ANSWER.length) {
                    throw new IllegalStateException("unexpected answer " + response.status());
                }
            }
            if (histogram != null) {
                histogram.recordValue((System.nanoTime() - start) / 1_000);
            }
        }
    }

    private static void print(String name, Histogram h) {
        System.out.printf("%-10s %8d %8d %8d %8d %8d %8.1f   (µs, n=%d)%n", name,
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue(), h.getMean(), h.getTotalCount());
    }

    private static byte[] answer() {
        String start = "{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"";
        String end = "\"}],\"stop_reason\":\"end_turn\"}";
        return (start + "x".repeat(200 - start.length() - end.length()) + end).getBytes(StandardCharsets.UTF_8);
    }
}
