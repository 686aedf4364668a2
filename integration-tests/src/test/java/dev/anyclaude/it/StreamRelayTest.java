package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.SseResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Streams are relayed event by event as they arrive, and a client that leaves cancels the upstream request. */
class StreamRelayTest {
    private static final String STREAM_BODY = "{\"model\":\"m\",\"max_tokens\":5,\"stream\":true,\"messages\":[]}";

    private static MockAnthropicServer upstream;
    private static ProxyFixture proxy;

    @BeforeAll
    static void start() {
        upstream = new MockAnthropicServer().start();
        proxy = ProxyFixture.anthropic(upstream.baseUrl());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        upstream.close();
    }

    @Test
    void eventsReachTheClientBeforeTheUpstreamSendsTheNextOne() throws Exception {
        CountDownLatch restOfStream = new CountDownLatch(1);
        upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames()).gateBefore(3, restOfStream));

        try (Socket socket = proxy.openPost("/v1/messages?beta=true", STREAM_BODY); BufferedReader in = reader(socket)) {
            // The upstream holds back frame 3 until the client has seen frames 0..2 through the proxy.
            List<String> firstEvents = CompletableFuture.supplyAsync(() -> readEvents(in, 3)).get(10, TimeUnit.SECONDS);
            assertThat(firstEvents).containsExactly("message_start", "content_block_start", "ping");
            restOfStream.countDown();
            List<String> rest = CompletableFuture.supplyAsync(() -> readEvents(in, 4)).get(10, TimeUnit.SECONDS);
            assertThat(rest).containsExactly("content_block_delta", "content_block_stop", "message_delta", "message_stop");
        }
    }

    @Test
    void clientThatDisconnectsMidStreamCancelsTheUpstreamRequest() throws Exception {
        CountDownLatch clientGone = new CountDownLatch(1);
        List<String> frames = new ArrayList<>(AnthropicFixtures.textStreamFrames().subList(0, 2));
        for (int i = 0; i < 2000; i++) {
            frames.add(AnthropicFixtures.frame("ping", "{\"type\":\"ping\"}"));
        }
        SseResponse endless = MockResponse.sse(frames).gateBefore(2, clientGone);
        upstream.enqueue(endless);

        double ended = callsEnded();
        try (Socket socket = proxy.openPost("/v1/messages?beta=true", STREAM_BODY); BufferedReader in = reader(socket)) {
            assertThat(CompletableFuture.supplyAsync(() -> readEvents(in, 1)).get(10, TimeUnit.SECONDS))
                    .containsExactly("message_start");
        }
        // The rest of the stream goes out only once the proxy has ended the call: on a loaded machine the mock could
        // otherwise write all of it into the socket buffers before the proxy's IO thread saw the hang-up (by the
        // client connection's close, or by a failed write), and then finish normally.
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> callsEnded() > ended);
        clientGone.countDown();

        // The proxy has closed the upstream connection: the mock's writes fail.
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> endless.finished().get(30, TimeUnit.SECONDS));
        assertThat(failure.getCause()).isInstanceOf(IOException.class);
        assertThat(proxy.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void anUpstreamThatDiesMidStreamEndsTheRelayWithAnErrorEventNotASilentCut() throws Exception {
        upstream.enqueue(MockResponse.sse(AnthropicFixtures.midStreamErrorFrames().subList(0, 3)).thenDisconnect());

        java.net.http.HttpResponse<String> response = proxy.post("/v1/messages", STREAM_BODY, "x-api-key", "k");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("event: message_start").contains("\"text\":\"Hel\"")
                .doesNotContain("message_stop")
                .containsPattern("event: error\ndata: \\{\"type\":\"error\",\"error\":\\{\"type\":\"api_error\",\"message\":\"backend 'claude' stopped in the middle of the answer");
        assertThat(proxy.get("/health").statusCode()).isEqualTo(200);
    }

    /** How many calls the proxy has ended (its request timer's count). */
    private static double callsEnded() {
        return Math.max(0, CacheFixtures.metric(proxy.get("/metrics").body(), "anyclaude_request_duration_seconds_count"));
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Reads until {@code count} SSE {@code event:} lines were seen (chunk-size lines and headers are skipped). */
    private static List<String> readEvents(BufferedReader in, int count) {
        List<String> events = new ArrayList<>();
        try {
            String line;
            while (events.size() < count && (line = in.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    events.add(line.substring("event: ".length()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return events;
    }
}
