package dev.anyclaude.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.core.app.AnyclaudeProxy;
import dev.anyclaude.core.app.ProxyHome;
import dev.anyclaude.core.config.ConfigLoader;
import dev.anyclaude.core.config.ProxyConfig;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockOpenAiServer;
import dev.anyclaude.testkit.RecordedRequest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Soak: {@code --clients} (200) concurrent streaming clients for {@code --minutes} (10) against two mock upstreams
 * (Anthropic passthrough and OpenAI translation, half each) that inject the faults of {@link SoakFaults} at random.
 * Every answer is classified: a complete stream with exactly the text the upstream sent; a well-formed Anthropic
 * error (an HTTP error body, or a stream that ends with {@code event: error}); lost (no answer, or the client gave up
 * after 60 s); garbled (anything else, including a stream that ends without message_stop or error, or a complete
 * stream whose text differs). A good upstream answer must arrive complete. The heap after a full GC is sampled every
 * 10 s; the proxy, the mocks and the clients share this JVM, so the figure bounds the proxy's.
 *
 * <p>Run: {@code bench/run-soak.sh [--minutes 10] [--clients 200]}. Exit code 1 when any stream was lost or garbled.
 */
public final class SoakBench {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern MARKER = Pattern.compile("soak:([A-Z_]+):(\\d+)");

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<SoakFaults, LongAdder> sent = new EnumMap<>(SoakFaults.class);
    private final LongAdder complete = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder garbled = new LongAdder();
    private final LongAdder unexpectedErrors = new LongAdder();
    private final List<String> examples = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong ids = new AtomicLong();

    private SoakBench() {
        for (SoakFaults fault : SoakFaults.values()) {
            sent.put(fault, new LongAdder());
        }
    }

    public static void main(String[] args) throws Exception {
        double minutes = Double.parseDouble(arg(args, "--minutes", "10"));
        int clients = Integer.parseInt(arg(args, "--clients", "200"));
        Path plugins = Path.of(arg(args, "--plugins", "bench/target/plugins"));
        System.exit(new SoakBench().run(Duration.ofSeconds((long) (minutes * 60)), clients, plugins) ? 0 : 1);
    }

    private boolean run(Duration duration, int clients, Path plugins) throws Exception {
        try (MockAnthropicServer anthropic = new MockAnthropicServer();
             MockOpenAiServer openai = new MockOpenAiServer()) {
            anthropic.setRecording(false);
            openai.setRecording(false);
            anthropic.dispatch(MockAnthropicServer.MESSAGES, request -> answer(request, true));
            openai.dispatch("/v1/chat/completions", request -> answer(request, false));
            anthropic.start();
            openai.start();
            try (AnyclaudeProxy proxy = startProxy(anthropic.baseUrl(), openai.baseUrl() + "/v1", plugins);
                 HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                         .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()).build()) {
                long end = System.nanoTime() + duration.toNanos();
                List<Thread> workers = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    workers.add(Thread.ofVirtual().name("soak-client-" + i).start(() -> {
                        while (System.nanoTime() < end) {
                            oneStream(client, proxy.url());
                        }
                    }));
                }
                List<long[]> heap = new ArrayList<>();
                long start = System.nanoTime();
                System.out.printf(Locale.ROOT, "%8s %10s %10s %8s %6s %8s %12s %10s%n", "seconds", "requests",
                        "complete", "errors", "lost", "garbled", "heap MiB", "RSS MiB");
                while (System.nanoTime() < end) {
                    Thread.sleep(Math.min(10_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                    System.gc();
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    heap.add(new long[]{(System.nanoTime() - start) / 1_000_000_000L, used, rss()});
                    System.out.printf(Locale.ROOT, "%8d %10d %10d %8d %6d %8d %12.1f %10.1f%n",
                            (System.nanoTime() - start) / 1_000_000_000L, total(), complete.sum(), errors.sum(),
                            lost.sum(), garbled.sum(), used / 1048576.0, rss() / 1048576.0);
                }
                for (Thread worker : workers) {
                    worker.join(Duration.ofSeconds(90));
                }
                report(duration, clients, heap);
            }
        }
        return lost.sum() == 0 && garbled.sum() == 0 && unexpectedErrors.sum() == 0;
    }

    private void oneStream(HttpClient client, String proxyUrl) {
        SoakFaults fault = SoakFaults.pick();
        long id = ids.incrementAndGet();
        boolean openai = ThreadLocalRandom.current().nextBoolean();
        String text = "soak answer " + id + " of " + fault.name().toLowerCase(Locale.ROOT);
        String body = "{\"model\":\"" + (openai ? "local,q" : "claude-soak") + "\",\"max_tokens\":64,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"soak:" + fault.name() + ":" + id + "\"}]}";
        sent.get(fault).increment();
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(URI.create(proxyUrl + "/v1/messages"))
                    .timeout(Duration.ofSeconds(60)).header("content-type", "application/json")
                    .header("x-api-key", "soak-key").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            lost.increment();
            example("lost " + fault + " (" + (openai ? "openai" : "passthrough") + "): " + e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        classify(fault, openai, text, response);
    }

    private void classify(SoakFaults fault, boolean openai, String text, HttpResponse<String> response) {
        String lane = openai ? "openai" : "passthrough";
        try {
            if (response.statusCode() != 200) {
                JsonNode error = MAPPER.readTree(response.body());
                if (!"error".equals(error.path("type").asText()) || !error.path("error").path("message").isTextual()) {
                    garbled("error body of " + fault + " (" + lane + ")", response);
                    return;
                }
                errorSeen(fault, lane, response);
                return;
            }
            StringBuilder received = new StringBuilder();
            String last = null;
            for (String frame : response.body().strip().split("\n\n")) {
                if (!frame.startsWith("event: ") || !frame.contains("\ndata: ")) {
                    garbled("frame without event line in " + fault + " (" + lane + ")", response);
                    return;
                }
                last = frame.substring(7, frame.indexOf('\n'));
                JsonNode data = MAPPER.readTree(frame.substring(frame.indexOf("\ndata: ") + 7));
                if (last.equals("content_block_delta") && data.path("delta").path("type").asText().equals("text_delta")) {
                    received.append(data.path("delta").path("text").asText());
                }
            }
            if ("error".equals(last)) {
                errorSeen(fault, lane, response);
            } else if ("message_stop".equals(last) && received.toString().equals(text)) {
                complete.increment();
            } else {
                garbled("stream of " + fault + " (" + lane + ") ended with " + last + ", text '" + received + "'", response);
            }
        } catch (IOException e) {
            garbled("unparsable answer to " + fault + " (" + lane + "): " + e.getMessage(), response);
        }
    }

    private void errorSeen(SoakFaults fault, String lane, HttpResponse<String> response) {
        errors.increment();
        if (fault.expect == SoakFaults.Expect.COMPLETE) {
            unexpectedErrors.increment();
            example("error for a good upstream answer (" + fault + ", " + lane + "): " + response.statusCode() + " "
                    + abbreviate(response.body()));
        }
    }

    private void garbled(String what, HttpResponse<String> response) {
        garbled.increment();
        example("garbled: " + what + ": " + response.statusCode() + " " + abbreviate(response.body()));
    }

    private void example(String text) {
        if (examples.size() < 20) {
            examples.add(text);
        }
    }

    private dev.anyclaude.testkit.MockResponse answer(RecordedRequest request, boolean anthropic) {
        Matcher marker = MARKER.matcher(request.bodyUtf8());
        if (!marker.find()) {
            return null;
        }
        SoakFaults fault = SoakFaults.valueOf(marker.group(1));
        String id = marker.group(2);
        int attempt = attempts.computeIfAbsent(id, k -> new AtomicInteger()).getAndIncrement();
        if (attempt > 0 || fault != SoakFaults.OVERLOADED_ONCE) {
            attempts.remove(id);
        }
        String text = "soak answer " + id + " of " + fault.name().toLowerCase(Locale.ROOT);
        return anthropic ? fault.anthropic(text, attempt) : fault.openai(text, attempt);
    }

    private void report(Duration duration, int clients, List<long[]> heap) {
        System.out.println();
        System.out.printf(Locale.ROOT, "soak: %d clients for %d s: %d streams, %d complete, %d well-formed errors "
                        + "(%d of them for a good answer), %d lost, %d garbled%n", clients, duration.toSeconds(), total(),
                complete.sum(), errors.sum(), unexpectedErrors.sum(), lost.sum(), garbled.sum());
        StringBuilder mix = new StringBuilder("faults injected:");
        sent.forEach((fault, count) -> mix.append(' ').append(fault.name().toLowerCase(Locale.ROOT)).append('=').append(count.sum()));
        System.out.println(mix);
        if (!heap.isEmpty()) {
            long min = heap.stream().mapToLong(h -> h[1]).min().orElse(0);
            long max = heap.stream().mapToLong(h -> h[1]).max().orElse(0);
            System.out.printf(Locale.ROOT, "heap after GC: first %.1f MiB, last %.1f MiB, min %.1f, max %.1f; RSS first %.1f, last %.1f MiB%n",
                    heap.getFirst()[1] / 1048576.0, heap.getLast()[1] / 1048576.0, min / 1048576.0, max / 1048576.0,
                    heap.getFirst()[2] / 1048576.0, heap.getLast()[2] / 1048576.0);
        }
        examples.forEach(example -> System.out.println("  " + example));
    }

    private long total() {
        return complete.sum() + errors.sum() + lost.sum() + garbled.sum();
    }

    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static AnyclaudeProxy startProxy(String anthropic, String openai, Path plugins) throws IOException {
        String json = """
                {"backend":"claude",
                 "backends":{
                   "claude":{"type":"anthropic","baseUrl":"%s","apiKeyEnv":"ANYCLAUDE_SOAK_NO_SUCH_VARIABLE",
                             "timeouts":{"firstByteMs":10000,"idleMs":2000,"totalMs":30000},
                             "retries":{"max":2,"baseDelayMs":20,"maxDelayMs":200,"maxRetryAfterMs":1000}},
                   "local":{"type":"openai","baseUrl":"%s","model":"q",
                            "timeouts":{"firstByteMs":10000,"idleMs":2000,"totalMs":30000},
                            "retries":{"max":2,"baseDelayMs":20,"maxDelayMs":200,"maxRetryAfterMs":1000}}}}"""
                .formatted(anthropic, openai);
        ProxyConfig config = new ConfigLoader(MAPPER).parse(MAPPER.readTree(json), Path.of("soak-config.json"))
                .withListener("127.0.0.1", 0).withPluginDir(plugins);
        return AnyclaudeProxy.start(config, new ProxyHome(Files.createTempDirectory("anyclaude-soak"), Optional.empty()));
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
