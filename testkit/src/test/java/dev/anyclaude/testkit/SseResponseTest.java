package dev.anyclaude.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A gated test that fails does so by waiting forever; the timeout turns that into a failure. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SseResponseTest {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private MockAnthropicServer server;

    @BeforeEach
    void startServer() {
        server = new MockAnthropicServer().start();
    }

    @AfterEach
    void stop() {
        server.close();
        client.close();
    }

    private HttpResponse<InputStream> openStream() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/messages?beta=true"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}"))
                .build();
        return client.send(request, BodyHandlers.ofInputStream());
    }

    @Test
    void framesArriveOneByOne() throws Exception {
        List<String> frames = AnthropicFixtures.textStreamFrames();
        CountDownLatch second = new CountDownLatch(1);
        server.enqueue(MockResponse.sse(frames).gateBefore(1, second));

        HttpResponse<InputStream> response = openStream();
        assertEquals(200, response.statusCode());
        assertEquals(Optional.of("text/event-stream"), response.headers().firstValue("content-type"));
        FrameReader reader = new FrameReader(response.body());

        // Frame 1 is held back until the latch opens, so frame 0 can only be read if it was flushed on its own.
        assertEquals(frames.get(0), reader.next());
        assertEquals(1, second.getCount());
        second.countDown();
        for (int i = 1; i < frames.size(); i++) {
            assertEquals(frames.get(i), reader.next());
        }
        assertNull(reader.next());
    }

    @Test
    void headersArriveBeforeTheFirstFrame() throws Exception {
        CompletableFuture<Void> first = new CompletableFuture<>();
        server.enqueue(MockResponse.sse(AnthropicFixtures.toolUseStreamFrames()).gateBefore(0, first));

        HttpResponse<InputStream> response = openStream(); // returns once the headers are in

        assertEquals(200, response.statusCode());
        assertFalse(first.isDone());
        first.complete(null);
        assertArrayEquals(MockResponse.sse(AnthropicFixtures.toolUseStreamFrames()).bodyBytes(),
                response.body().readAllBytes());
    }

    @Test
    void clientReceivesExactlyTheBodyBytes() throws Exception {
        SseResponse sse = MockResponse.sse(AnthropicFixtures.thinkingStreamFrames())
                .withHeader("request-id", "req_sse");
        server.enqueue(sse);

        HttpResponse<InputStream> response = openStream();

        assertArrayEquals(sse.bodyBytes(), response.body().readAllBytes());
        assertEquals(Optional.of("req_sse"), response.headers().firstValue("request-id"));
        assertEquals(AnthropicFixtures.join(AnthropicFixtures.thinkingStreamFrames()),
                new String(sse.bodyBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aFrameMaySplitAnEventAnywhere() throws Exception {
        String whole = AnthropicFixtures.textStreamFrames().get(0);
        CountDownLatch rest = new CountDownLatch(1);
        server.enqueue(MockResponse.sse(whole.substring(0, 10), whole.substring(10)).gateBefore(1, rest));

        InputStream body = openStream().body();

        assertArrayEquals(whole.substring(0, 10).getBytes(StandardCharsets.UTF_8), body.readNBytes(10));
        rest.countDown();
        assertEquals(whole.substring(10), new String(body.readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void disconnectAfterLastFrameDeliversEveryFrameThenFailsTheRead() throws Exception {
        SseResponse sse = MockResponse.sse(AnthropicFixtures.midStreamErrorFrames()).thenDisconnect();
        server.enqueue(sse);
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/messages"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        CollectingSubscriber body = new CollectingSubscriber();

        assertThrows(IOException.class, () -> client.send(request, CollectingSubscriber.handler(body)));
        CollectingSubscriber.Outcome outcome = body.outcome().get();

        assertArrayEquals(sse.bodyBytes(), outcome.bytes());
        assertInstanceOf(IOException.class, outcome.error());
    }

    @Test
    void disconnectFailsAClientReadingTheWholeBody() {
        server.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames()).thenDisconnect());
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/messages"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();

        assertThrows(IOException.class, () -> client.send(request, BodyHandlers.ofString()));
    }

    @Test
    void gateAtTheEndHoldsTheResponseOpen() throws Exception {
        List<String> frames = AnthropicFixtures.textStreamFrames();
        CountDownLatch end = new CountDownLatch(1);
        server.enqueue(MockResponse.sse(frames).gateBefore(frames.size(), end));

        FrameReader reader = new FrameReader(openStream().body());
        for (String frame : frames) {
            assertEquals(frame, reader.next());
        }
        end.countDown();

        assertNull(reader.next());
    }

    @Test
    void closingTheServerAbandonsAClosedGate() throws Exception {
        server.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames()).gateBefore(1, new CountDownLatch(1)));
        FrameReader reader = new FrameReader(openStream().body());
        reader.next();

        server.close();

        assertThrows(IOException.class, reader::next);
    }

    @Test
    void aClientLeavingMidStreamDoesNotDisturbTheNextRequest() throws Exception {
        CountDownLatch second = new CountDownLatch(1);
        server.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames()).gateBefore(1, second));
        server.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames()));
        InputStream first = openStream().body();
        new FrameReader(first).next();

        first.close();
        second.countDown();

        assertEquals(AnthropicFixtures.join(AnthropicFixtures.textStreamFrames()),
                new String(openStream().body().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(2, server.requestCount());
    }

    @Test
    void gateIndexMustBeWithinTheFrames() {
        SseResponse sse = MockResponse.sse("a", "b");
        assertThrows(IndexOutOfBoundsException.class, () -> sse.gateBefore(3, new CountDownLatch(0)));
        assertThrows(IndexOutOfBoundsException.class, () -> sse.gateBefore(-1, new CountDownLatch(0)));
    }
}
