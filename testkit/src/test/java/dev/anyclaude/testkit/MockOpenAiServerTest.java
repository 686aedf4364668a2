package dev.anyclaude.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
class MockOpenAiServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STREAM_REQUEST = "{\"model\":\"m\",\"stream\":true,\"messages\":[]}";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private MockOpenAiServer server;

    @BeforeEach
    void startServer() {
        server = new MockOpenAiServer().start();
    }

    @AfterEach
    void stop() {
        server.close();
        client.close();
    }

    private HttpRequest chat(String body) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpResponse<InputStream> openStream() throws Exception {
        return client.send(chat(STREAM_REQUEST), BodyHandlers.ofInputStream());
    }

    @Test
    void chunksAreDataLinesWithoutEventNamesEndingWithDone() throws Exception {
        List<String> chunks = OpenAiFixtures.textChunks("Hel", "lo");
        server.enqueue(MockResponse.chunks(chunks));

        HttpResponse<String> response = client.send(chat(STREAM_REQUEST), BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals(Optional.of("text/event-stream"), response.headers().firstValue("content-type"));
        StringBuilder expected = new StringBuilder();
        chunks.forEach(c -> expected.append("data: ").append(c).append("\n\n"));
        expected.append("data: [DONE]\n\n");
        assertEquals(expected.toString(), response.body());
        assertFalse(response.body().contains("event:"));
    }

    @Test
    void eachChunkIsFlushedOnItsOwnAndGatesCountChunks() throws Exception {
        List<String> chunks = OpenAiFixtures.textChunks("Hel", "lo");
        CountDownLatch second = new CountDownLatch(1);
        server.enqueue(MockResponse.chunks(chunks).gateBefore(1, second));

        FrameReader reader = new FrameReader(openStream().body());

        assertEquals(OpenAiFixtures.dataFrame(chunks.get(0)), reader.next());
        assertEquals(1, second.getCount());
        second.countDown();
        for (int i = 1; i < chunks.size(); i++) {
            assertEquals(OpenAiFixtures.dataFrame(chunks.get(i)), reader.next());
        }
        assertEquals(OpenAiFixtures.DONE_FRAME, reader.next());
        assertNull(reader.next());
    }

    @Test
    void aGateAtTheEndHoldsBackOnlyDone() throws Exception {
        List<String> chunks = OpenAiFixtures.textChunks("Hi");
        CompletableFuture<Void> done = new CompletableFuture<>();
        server.enqueue(MockResponse.chunks(chunks).gateBefore(chunks.size(), done));

        FrameReader reader = new FrameReader(openStream().body());
        for (String chunk : chunks) {
            assertEquals(OpenAiFixtures.dataFrame(chunk), reader.next());
        }
        done.complete(null);

        assertEquals(OpenAiFixtures.DONE_FRAME, reader.next());
    }

    @Test
    void commentLinesAreSentAsTheyAreBetweenChunks() throws Exception {
        String chunk = OpenAiFixtures.textChunk("Hi");
        server.enqueue(MockResponse.chunks(OpenAiFixtures.comment("keepalive 1/10"), ": OPENROUTER PROCESSING", chunk));

        String body = client.send(chat(STREAM_REQUEST), BodyHandlers.ofString()).body();

        assertEquals(": keepalive 1/10\n\n: OPENROUTER PROCESSING\n\ndata: " + chunk + "\n\ndata: [DONE]\n\n", body);
    }

    @Test
    void streamWithoutDoneEndsCleanlyAfterTheLastChunk() throws Exception {
        List<String> chunks = OpenAiFixtures.textChunks("Hi");
        SseResponse sse = MockResponse.chunksWithoutDone(chunks);
        server.enqueue(sse);

        String body = client.send(chat(STREAM_REQUEST), BodyHandlers.ofString()).body();

        assertFalse(body.contains("[DONE]"));
        assertTrue(body.endsWith("data: " + chunks.getLast() + "\n\n"));
        assertArrayEquals(sse.bodyBytes(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void thenDisconnectDeliversEveryChunkThenCutsTheStream() throws Exception {
        List<String> chunks = List.of(OpenAiFixtures.roleChunk(), OpenAiFixtures.textChunk("Hel"));
        SseResponse sse = MockResponse.chunksWithoutDone(chunks).thenDisconnect();
        server.enqueue(sse);
        CollectingSubscriber body = new CollectingSubscriber();

        assertThrows(IOException.class, () -> client.send(chat(STREAM_REQUEST), CollectingSubscriber.handler(body)));
        CollectingSubscriber.Outcome outcome = body.outcome().get();

        assertArrayEquals(sse.bodyBytes(), outcome.bytes());
        assertInstanceOf(IOException.class, outcome.error());
        sse.finished().get(); // every frame was written before the cut
    }

    @Test
    void finishedFailsWhenTheClientLeavesMidStream() throws Exception {
        CountDownLatch clientGone = new CountDownLatch(1);
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            many.add(OpenAiFixtures.comment("keepalive " + i + "/2000"));
        }
        SseResponse sse = MockResponse.chunks(many).gateBefore(1, clientGone);
        server.enqueue(sse);
        InputStream body = openStream().body();
        new FrameReader(body).next();

        body.close();
        clientGone.countDown();

        java.util.concurrent.ExecutionException failure =
                assertThrows(java.util.concurrent.ExecutionException.class, () -> sse.finished().get());
        assertInstanceOf(IOException.class, failure.getCause());
    }

    @Test
    void jsonAnswerAndModelsDefaultAreServedAndRequestsRecorded() throws Exception {
        server.enqueue(MockResponse.json(200, OpenAiFixtures.completionJson("Hi")));
        server.setDefault(MockOpenAiServer.MODELS, MockResponse.json(200, OpenAiFixtures.modelsJson("qwen3", "gemma")));

        HttpResponse<String> completion = client.send(chat("{\"model\":\"qwen3\",\"messages\":[]}"), BodyHandlers.ofString());
        HttpResponse<String> models = client.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/models")).GET().build(), BodyHandlers.ofString());

        assertEquals(OpenAiFixtures.completionJson("Hi"), completion.body());
        assertEquals(OpenAiFixtures.modelsJson("qwen3", "gemma"), models.body());
        RecordedRequest first = server.takeRequest();
        assertEquals("POST", first.method());
        assertEquals(MockOpenAiServer.CHAT_COMPLETIONS, first.path());
        assertEquals("{\"model\":\"qwen3\",\"messages\":[]}", first.bodyUtf8());
        assertEquals("application/json", first.header("content-type"));
        assertEquals("GET", server.takeRequest().method());
    }

    @Test
    void unscriptedPathGetsAnOpenAiNotFoundError() throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/embeddings"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), BodyHandlers.ofString());

        assertEquals(404, response.statusCode());
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertEquals("invalid_request_error", error.get("type").asText());
        assertTrue(error.get("message").asText().contains("/v1/embeddings"), response.body());
    }

    @Test
    void dispatcherAnswersFromTheRequestAfterTheQueueIsEmpty() throws Exception {
        server.enqueue(MockResponse.json(200, "{\"queued\":true}"));
        server.dispatch(MockOpenAiServer.CHAT_COMPLETIONS, request -> request.bodyUtf8().contains("\"stream\":true")
                ? MockResponse.chunks(OpenAiFixtures.textChunks("streamed"))
                : MockResponse.json(200, OpenAiFixtures.completionJson("whole")));

        assertEquals("{\"queued\":true}", client.send(chat(STREAM_REQUEST), BodyHandlers.ofString()).body());
        assertTrue(client.send(chat(STREAM_REQUEST), BodyHandlers.ofString()).body().endsWith("data: [DONE]\n\n"));
        assertEquals(OpenAiFixtures.completionJson("whole"),
                client.send(chat("{\"messages\":[]}"), BodyHandlers.ofString()).body());
        assertEquals(3, server.requestCount());
    }

    @Test
    void dispatcherRunsWhileRecordingIsOff() throws Exception {
        server.setRecording(false);
        server.dispatch(MockOpenAiServer.CHAT_COMPLETIONS, request -> MockResponse.json(200, request.bodyUtf8()));

        assertEquals("{\"echo\":1}", client.send(chat("{\"echo\":1}"), BodyHandlers.ofString()).body());
        assertNull(server.takeRequest(java.time.Duration.ZERO));
    }

    @Test
    void failingDispatcherAnswers500InsteadOfHanging() throws Exception {
        server.dispatch(MockOpenAiServer.CHAT_COMPLETIONS, request -> {
            throw new IllegalStateException("test bug");
        });

        HttpResponse<String> response = client.send(chat("{}"), BodyHandlers.ofString());

        assertEquals(500, response.statusCode());
        assertEquals("server_error", JSON.readTree(response.body()).get("error").get("type").asText());
        assertTrue(response.body().contains("test bug"), response.body());
    }

    @Test
    void dispatcherReturningNullMeansNotScripted() throws Exception {
        server.dispatch(MockOpenAiServer.CHAT_COMPLETIONS, request -> null);

        assertEquals(404, client.send(chat("{}"), BodyHandlers.ofString()).statusCode());
    }

    @Test
    void hangHoldsTheRequestUntilTheClientLeaves() throws Exception {
        HangResponse hang = MockResponse.hang();
        server.enqueue(hang);
        CompletableFuture<HttpResponse<String>> call = client.sendAsync(chat(STREAM_REQUEST), BodyHandlers.ofString());
        server.takeRequest();

        assertFalse(hang.clientDisconnected().isDone());
        call.cancel(true);

        hang.clientDisconnected().get();
    }
}
