package dev.anyclaude.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS) // guard against a hang only; nothing here asserts on time
class MockAnthropicServerTest {

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

    private HttpRequest.Builder request(String target) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + target));
    }

    private HttpResponse<String> post(String target, String body) throws Exception {
        return client.send(request(target).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                BodyHandlers.ofString());
    }

    @Test
    void baseUrlIsLoopbackWithTheBoundPort() {
        assertTrue(server.port() > 0);
        assertEquals("http://127.0.0.1:" + server.port(), server.baseUrl());
    }

    @Test
    void jsonAnswerCarriesStatusBodyAndExtraHeaders() throws Exception {
        String body = AnthropicFixtures.errorBody("overloaded_error", "Overloaded", "req_011");
        server.enqueue(MockResponse.json(529, body)
                .withHeader("request-id", "req_011")
                .withHeader("retry-after", "2")
                .withHeader("anthropic-ratelimit-requests-remaining", "0"));

        HttpResponse<String> response = post("/v1/messages", "{}");

        assertEquals(529, response.statusCode());
        assertEquals(body, response.body());
        assertEquals(Optional.of("application/json"), response.headers().firstValue("content-type"));
        assertEquals(Optional.of("req_011"), response.headers().firstValue("request-id"));
        assertEquals(Optional.of("2"), response.headers().firstValue("retry-after"));
        assertEquals(Optional.of("0"), response.headers().firstValue("anthropic-ratelimit-requests-remaining"));
        assertEquals(Optional.of(String.valueOf(body.getBytes(StandardCharsets.UTF_8).length)),
                response.headers().firstValue("content-length"));
    }

    @Test
    void rawAnswerIsSentAsGiven() throws Exception {
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        server.enqueue(MockResponse.raw(502, HeaderFields.of("content-type", "application/octet-stream",
                "x-multi", "a", "x-multi", "b"), bytes));

        HttpResponse<byte[]> response = client.send(request("/v1/messages").GET().build(), BodyHandlers.ofByteArray());

        assertEquals(502, response.statusCode());
        assertArrayEquals(bytes, response.body());
        assertEquals(List.of("a", "b"), response.headers().allValues("x-multi"));
    }

    @Test
    void recordedRequestKeepsQueryStringRepeatedHeadersAndExactBody() throws Exception {
        server.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson()));
        String body = "{\"model\":\"claude-opus-5-5\",\"messages\":[{\"role\":\"user\",\"content\":\"h\u00e9 \ud83d\ude00\"}]}";

        client.send(request("/v1/messages?beta=true")
                .header("anthropic-version", "2023-06-01")
                .header("anthropic-beta", "claude-code-20250219")
                .header("anthropic-beta", "interleaved-thinking-2025-05-14")
                .header("x-api-key", "dummy")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), BodyHandlers.discarding());

        RecordedRequest seen = server.takeRequest();
        assertEquals("POST", seen.method());
        assertEquals("/v1/messages", seen.path());
        assertEquals("beta=true", seen.queryString());
        assertEquals("/v1/messages?beta=true", seen.target());
        assertEquals(List.of("claude-code-20250219", "interleaved-thinking-2025-05-14"),
                seen.headers().all("Anthropic-Beta"));
        assertEquals("2023-06-01", seen.header("ANTHROPIC-VERSION"));
        assertEquals("dummy", seen.header("x-api-key"));
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), seen.body());
        assertEquals(body, seen.bodyUtf8());
        assertEquals(1, server.requestCount());
    }

    @Test
    void largeBodiesAreRecordedWholeWithOrWithoutALength() throws Exception {
        byte[] body = new byte[300_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        server.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson()));
        server.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson()));

        client.send(request("/v1/messages").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                BodyHandlers.discarding());
        // No length known in advance: sent chunked, in the pieces the stream gives.
        client.send(request("/v1/messages").POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(body))).build(), BodyHandlers.discarding());

        RecordedRequest withLength = server.takeRequest();
        RecordedRequest chunked = server.takeRequest();
        assertEquals(String.valueOf(body.length), withLength.header("content-length"));
        assertEquals("chunked", chunked.header("transfer-encoding"));
        assertArrayEquals(body, withLength.body());
        assertArrayEquals(body, chunked.body());
    }

    @Test
    void requestWithoutQueryHasEmptyQueryString() throws Exception {
        server.enqueue(MockResponse.json(200, "{}"));
        post("/v1/messages", "{}");
        assertEquals("", server.takeRequest().queryString());
    }

    @Test
    void queuesArePerPathAndServedInOrder() throws Exception {
        server.enqueue(MockResponse.json(200, "{\"n\":1}"));
        server.enqueue(MockResponse.json(200, "{\"n\":2}"));
        server.enqueue(MockAnthropicServer.COUNT_TOKENS, MockResponse.json(200, AnthropicFixtures.countTokensJson(42)));
        server.setDefault(MockAnthropicServer.MODELS, MockResponse.json(200, AnthropicFixtures.modelsJson("m")));

        assertEquals("{\"input_tokens\":42}", post("/v1/messages/count_tokens", "{}").body());
        assertEquals("{\"n\":1}", post("/v1/messages", "{}").body());
        assertEquals("{\"n\":2}", post("/v1/messages", "{}").body());
        HttpResponse<String> models = client.send(request("/v1/models?limit=20").GET().build(), BodyHandlers.ofString());
        assertEquals(AnthropicFixtures.modelsJson("m"), models.body());
        assertEquals(0, server.queuedCount(MockAnthropicServer.MESSAGES));
    }

    @Test
    void queuedAnswersComeBeforeTheDefault() throws Exception {
        server.setDefault(MockResponse.json(200, "{\"default\":true}"));
        server.enqueue(MockResponse.json(201, "{\"queued\":true}"));

        assertEquals(201, post("/v1/messages", "{}").statusCode());
        assertEquals("{\"default\":true}", post("/v1/messages", "{}").body());
        assertEquals("{\"default\":true}", post("/v1/messages", "{}").body());
    }

    @Test
    void unscriptedPathGetsAnthropicNotFoundError() throws Exception {
        HttpResponse<String> response = post("/v1/complete", "{}");

        assertEquals(404, response.statusCode());
        assertTrue(response.body().startsWith("{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\""),
                response.body());
        assertEquals("/v1/complete", server.takeRequest().path());
    }

    @Test
    void defaultAnswerServesAThousandSequentialRequests() throws Exception {
        String body = AnthropicFixtures.messageJson();
        server.setDefault(MockResponse.json(200, body));

        for (int i = 0; i < 1_000; i++) {
            HttpResponse<String> response = post("/v1/messages", "{\"i\":" + i + "}");
            assertEquals(200, response.statusCode());
            assertEquals(body, response.body());
        }

        assertEquals(1_000, server.requestCount());
        assertEquals("{\"i\":0}", server.takeRequest().bodyUtf8());
    }

    @Test
    void recordingOffStillCountsRequests() throws Exception {
        server.setRecording(false);
        server.setDefault(MockResponse.json(200, "{}"));

        post("/v1/messages", "{}");
        post("/v1/messages", "{}");

        assertEquals(2, server.requestCount());
        assertNull(server.takeRequest(Duration.ZERO));
    }

    @Test
    void startingTwiceIsRejected() {
        assertThrows(IllegalStateException.class, () -> server.start());
    }

    @Test
    void portIsUnknownBeforeStart() {
        try (MockAnthropicServer notStarted = new MockAnthropicServer()) {
            assertThrows(IllegalStateException.class, notStarted::port);
        }
    }

    @Test
    void dispatcherTellsRequestsApartByBody() throws Exception {
        server.dispatch(MockAnthropicServer.MESSAGES, request -> request.bodyUtf8().contains("tool_result")
                ? MockResponse.json(200, AnthropicFixtures.messageJson("msg_2", "m", "second"))
                : MockResponse.json(200, AnthropicFixtures.messageJson("msg_1", "m", "first")));

        assertTrue(post("/v1/messages", "{\"messages\":[]}").body().contains("first"));
        assertTrue(post("/v1/messages", "{\"messages\":[{\"type\":\"tool_result\"}]}").body().contains("second"));
    }

    @Test
    void failingDispatcherGetsAnthropicServerError() throws Exception {
        server.dispatch(MockAnthropicServer.MESSAGES, request -> {
            throw new IllegalStateException("test bug");
        });

        HttpResponse<String> response = post("/v1/messages", "{}");

        assertEquals(500, response.statusCode());
        assertTrue(response.body().startsWith("{\"type\":\"error\",\"error\":{\"type\":\"api_error\""), response.body());
    }

    @Test
    void settingADefaultReplacesTheDispatcher() throws Exception {
        server.dispatch(MockAnthropicServer.MESSAGES, request -> MockResponse.json(500, "{}"));
        server.setDefault(MockResponse.json(200, "{\"fixed\":true}"));

        assertEquals("{\"fixed\":true}", post("/v1/messages", "{}").body());
    }
}
