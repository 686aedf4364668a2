package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.HangResponse;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockOpenAiServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.OpenAiFixtures;
import dev.anyclaude.testkit.SseResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that hangs up cancels its upstream request at once, whether the proxy was still waiting for the
 * upstream's headers or relaying a stream that has gone quiet, and nothing is left behind: no upstream
 * connection, thread or file handle.
 */
@Timeout(60)
class CancellationTest {
    private static final String STREAM_BODY = "{\"model\":\"m\",\"max_tokens\":5,\"stream\":true,\"messages\":[]}";

    private MockAnthropicServer upstream;
    private MockOpenAiServer openai;
    private ProxyFixture proxy;

    @BeforeEach
    void start() {
        upstream = new MockAnthropicServer().start();
        openai = new MockOpenAiServer().start();
        proxy = ProxyFixture.start("""
                {"backend":"claude",
                 "backends":{"claude":{"type":"anthropic","baseUrl":"%s"},
                             "local":{"type":"openai","baseUrl":"%s/v1","model":"q"}}}"""
                .formatted(upstream.baseUrl(), openai.baseUrl()));
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
        openai.close();
    }

    @Test
    void clientThatHangsUpWhileTheUpstreamThinksCancelsTheUpstreamRequest() throws Exception {
        HangResponse hang = MockResponse.hang();
        upstream.enqueue(hang);

        try (Socket client = proxy.openPost("/v1/messages", STREAM_BODY)) {
            upstream.takeRequest();
        }

        hang.clientDisconnected().orTimeout(10, TimeUnit.SECONDS).join();
        assertNextRequestIsServed();
    }

    @Test
    void clientThatHangsUpDuringAQuietStreamCancelsTheUpstreamRequestBeforeTheNextEvent() throws Exception {
        CountDownLatch nextEvent = new CountDownLatch(1);
        SseResponse quiet = quietStream(nextEvent);
        upstream.enqueue(quiet);

        double ended = callsEnded();
        try (Socket client = proxy.openPost("/v1/messages", STREAM_BODY); InputStream in = client.getInputStream()) {
            readUntil(in, "event: content_block_start");
        }
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> callsEnded() > ended); // see the translated case

        nextEvent.countDown();
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> quiet.finished().isDone());
        assertThat(quiet.finished()).isCompletedExceptionally();
        assertNextRequestIsServed();
    }

    @Test
    void clientThatHangsUpDuringATranslatedStreamCancelsTheUpstreamRequest() throws Exception {
        CountDownLatch nextChunk = new CountDownLatch(1);
        List<String> chunks = new ArrayList<>(OpenAiFixtures.textChunks("Hel", "lo"));
        for (int i = 0; i < 2000; i++) {
            chunks.add(OpenAiFixtures.comment("keepalive " + i));
        }
        SseResponse quiet = MockResponse.chunks(chunks).gateBefore(2, nextChunk);
        openai.enqueue(quiet);

        double ended = callsEnded();
        try (Socket client = proxy.openPost("/v1/messages", STREAM_BODY.replace("\"m\"", "\"local,m\"")); InputStream in = client.getInputStream()) {
            readUntil(in, "\"text\":\"Hel\"");
        }
        // The rest of the stream goes out only once the proxy has ended the call: on a loaded machine the mock could
        // otherwise write all of it into the socket buffers before the proxy's IO thread is scheduled to see the
        // hang-up, and then finish normally.
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> callsEnded() > ended);

        nextChunk.countDown();
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> quiet.finished().isDone());
        assertThat(quiet.finished()).isCompletedExceptionally();
    }

    /** How many calls the proxy has ended (its request timer's count). */
    private double callsEnded() {
        return Math.max(0, CacheFixtures.metric(proxy.get("/metrics").body(), "anyclaude_request_duration_seconds_count"));
    }

    @Test
    void manyCancelledCallsLeaveNoConnectionThreadOrFileHandleBehind() throws Exception {
        assertNextRequestIsServed();
        Resources before = Resources.now();

        for (int i = 0; i < 25; i++) {
            HangResponse hang = MockResponse.hang();
            upstream.enqueue(hang);
            try (Socket client = proxy.openPost("/v1/messages", STREAM_BODY)) {
                upstream.takeRequest();
            }
            hang.clientDisconnected().orTimeout(10, TimeUnit.SECONDS).join();

            CountDownLatch nextEvent = new CountDownLatch(1);
            SseResponse quiet = quietStream(nextEvent);
            upstream.enqueue(quiet);
            try (Socket client = proxy.openPost("/v1/messages", STREAM_BODY); InputStream in = client.getInputStream()) {
                readUntil(in, "event: content_block_start");
            }
            upstream.takeRequest();
            nextEvent.countDown();
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> quiet.finished().isDone());
        }

        assertNextRequestIsServed();
        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            Resources after = Resources.now();
            assertThat(upstream.openConnections()).as("open upstream connections").isLessThanOrEqualTo(1);
            assertThat(after.threads).as("platform threads but the JDK's carriers and timers: " + after.names)
                    .isLessThanOrEqualTo(before.threads);
            assertThat(after.anyclaudeThreads).as("anyclaude's named threads").isLessThanOrEqualTo(before.anyclaudeThreads);
            // One pooled keep-alive connection to the mock may come and go; 25 leaked calls would show as 50+.
            assertThat(after.fileDescriptors).as("open file descriptors").isLessThanOrEqualTo(before.fileDescriptors + 2);
        });
    }

    /**
     * Platform threads (those of the proxy, Undertow and XNIO, leaving out the JDK's virtual-thread carriers and
     * timers and the test tools' own, which come and go with load), those whose name says anyclaude or upstream-client, and open file
     * descriptors.
     */
    private record Resources(long threads, long anyclaudeThreads, long fileDescriptors, List<String> names) {
        static Resources now() throws IOException {
            List<String> names = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(name -> !name.startsWith("ForkJoinPool") && !name.startsWith("CompletableFutureDelay")
                            && !name.startsWith("HttpClient") && !name.startsWith("InnocuousThread")
                            && !name.startsWith("awaitility") && !name.startsWith("VirtualThread-unblocker")
                            && !name.startsWith("junit-jupiter-timeout"))
                    .sorted().toList();
            long named = names.stream().filter(name -> name.startsWith("anyclaude") || name.startsWith("upstream-client"))
                    .count();
            long fds;
            try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
                fds = open.count();
            }
            return new Resources(names.size(), named, fds, names);
        }
    }

    /** Two events, then a pause until {@code gate} opens, then far more than any socket buffer holds. */
    private static SseResponse quietStream(CountDownLatch gate) {
        List<String> frames = new ArrayList<>(AnthropicFixtures.textStreamFrames("quiet").subList(0, 2));
        for (int i = 0; i < 2000; i++) {
            frames.add(AnthropicFixtures.frame("ping", "{\"type\":\"ping\"}"));
        }
        return MockResponse.sse(frames).gateBefore(2, gate);
    }

    private static void readUntil(InputStream in, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[4096];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            seen.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            if (seen.indexOf(marker) >= 0) {
                return;
            }
        }
        throw new IllegalStateException("the stream ended before " + marker + ": " + seen);
    }

    private void assertNextRequestIsServed() throws InterruptedException {
        upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames("next")));
        HttpResponse<String> next = proxy.post("/v1/messages", STREAM_BODY, "x-api-key", "k");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).contains("\"next\"").contains("event: message_stop");
        upstream.takeRequest();
    }
}
