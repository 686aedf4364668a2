package dev.anyclaude.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A failing disconnect test waits forever on the future; the timeout turns that into a failure. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HangResponseTest {

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

    private CompletableFuture<HttpResponse<String>> sendAsync() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/messages"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}"))
                .build();
        return client.sendAsync(request, BodyHandlers.ofString());
    }

    @Test
    void clientDisconnectCompletesClientDisconnected() throws Exception {
        HangResponse hang = MockResponse.hang();
        server.enqueue(hang);
        CompletableFuture<HttpResponse<String>> call = sendAsync();
        server.takeRequest(); // the request is in and being held

        assertFalse(hang.clientDisconnected().isDone());
        call.cancel(true);

        hang.clientDisconnected().get();
    }

    @Test
    void serverCloseEndsTheHangAndFailsTheClient() throws Exception {
        HangResponse hang = MockResponse.hang();
        server.enqueue(hang);
        CompletableFuture<HttpResponse<String>> call = sendAsync();
        server.takeRequest();

        server.close();

        hang.clientDisconnected().get();
        assertThrows(ExecutionException.class, call::get);
    }

    @Test
    void hangHasNoBody() {
        assertArrayEquals(new byte[0], MockResponse.hang().bodyBytes());
    }
}
