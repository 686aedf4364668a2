package dev.anyclaude.it;

import static dev.anyclaude.it.AnthropicErrors.assertHttpError;
import static dev.anyclaude.it.AnthropicErrors.assertStreamEndsWithError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.HangResponse;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockOpenAiServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.OpenAiFixtures;
import dev.anyclaude.testkit.SseResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each per-backend timeout (connect, first byte, idle, total) ends a stalled call with an Anthropic error naming the
 * backend and the limit: an HTTP 504 before the first byte, an SSE {@code timeout_error} event after it. The stalled
 * upstream connection is dropped, and the proxy serves the next request.
 */
@Timeout(60)
class TimeoutsTest {
    private static final String BODY = "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}";
    private static final String STREAM_BODY = "{\"model\":\"m\",\"max_tokens\":5,\"stream\":true,\"messages\":[]}";

    private MockAnthropicServer upstream;
    private MockOpenAiServer openai;
    private ServerSocket silent;
    private final List<Socket> backlog = new ArrayList<>();
    private final CountDownLatch never = new CountDownLatch(1);
    private ProxyFixture proxy;

    @BeforeEach
    void start() throws IOException {
        upstream = new MockAnthropicServer().start();
        openai = new MockOpenAiServer().start();
        silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        proxy = ProxyFixture.start("""
                {"backend":"header-wait",
                 "backends":{
                   "header-wait":{"type":"anthropic","baseUrl":"%1$s","timeouts":{"firstByteMs":300}},
                   "quiet":{"type":"anthropic","baseUrl":"%1$s","timeouts":{"idleMs":300}},
                   "slow":{"type":"anthropic","baseUrl":"%1$s","timeouts":{"totalMs":1500}},
                   "local":{"type":"openai","baseUrl":"%2$s/v1","model":"q","timeouts":{"totalMs":1500}},
                   "quiet-local":{"type":"openai","baseUrl":"%2$s/v1","model":"q","timeouts":{"idleMs":300}},
                   "unanswered":{"type":"anthropic","baseUrl":"http://127.0.0.1:%3$d","timeouts":{"connectMs":300}}}}"""
                .formatted(upstream.baseUrl(), openai.baseUrl(), silent.getLocalPort()));
    }

    @AfterEach
    void stop() throws IOException {
        never.countDown();
        proxy.close();
        upstream.close();
        openai.close();
        for (Socket socket : backlog) {
            socket.close();
        }
        silent.close();
    }

    @Test
    void upstreamThatSendsNoHeadersGetsA504NamingTheBackendAndItsConnectionIsDropped() {
        HangResponse hang = MockResponse.hang();
        upstream.enqueue(hang);

        HttpResponse<String> response = proxy.post("/v1/messages", BODY, "x-api-key", "sk-ant-client-secret");

        assertHttpError(response, 504, "timeout_error", "backend 'header-wait'");
        assertThat(response.body()).contains("timeouts.firstByteMs").doesNotContain("sk-ant");
        hang.clientDisconnected().orTimeout(10, TimeUnit.SECONDS).join();
        assertNextRequestIsServed("header-wait");
    }

    @Test
    void streamThatGoesSilentEndsWithATimeoutErrorEvent() {
        CountDownLatch clientHasTheError = new CountDownLatch(1);
        SseResponse stalled = stalledStream(clientHasTheError);
        upstream.enqueue(stalled);

        HttpResponse<String> response = proxy.post("/v1/messages", STREAM_BODY.replace("\"m\"", "\"quiet,m\""),
                "x-api-key", "k");

        assertStreamEndsWithError(response, "timeout_error", "backend 'quiet' sent nothing for 300 ms (timeouts.idleMs)");
        assertUpstreamConnectionWasDropped(stalled, clientHasTheError);
        assertNextRequestIsServed("quiet");
    }

    @Test
    void streamLongerThanTheTotalLimitIsCutWithATimeoutErrorEvent() {
        CountDownLatch clientHasTheError = new CountDownLatch(1);
        SseResponse stalled = stalledStream(clientHasTheError);
        upstream.enqueue(stalled);

        HttpResponse<String> response = proxy.post("/v1/messages", STREAM_BODY.replace("\"m\"", "\"slow,m\""),
                "x-api-key", "k");

        assertStreamEndsWithError(response, "timeout_error", "backend 'slow' took longer than its total limit of 1500 ms");
        assertUpstreamConnectionWasDropped(stalled, clientHasTheError);
        assertNextRequestIsServed("slow");
    }

    @Test
    void totalLimitAlsoBoundsTheWaitForHeaders() {
        HangResponse hang = MockResponse.hang();
        upstream.enqueue(hang);

        HttpResponse<String> response = proxy.post("/v1/messages", BODY.replace("\"m\"", "\"slow,m\""), "x-api-key", "k");

        assertHttpError(response, 504, "timeout_error", "backend 'slow' sent no response headers in time (timeouts.totalMs)");
        hang.clientDisconnected().orTimeout(10, TimeUnit.SECONDS).join();
        assertNextRequestIsServed("slow");
    }

    @Test
    void translatedStreamLongerThanTheTotalLimitIsCutWithATimeoutErrorEvent() {
        CountDownLatch clientHasTheError = new CountDownLatch(1);
        SseResponse stalled = stalledTranslatedStream(clientHasTheError);
        openai.enqueue(stalled);

        HttpResponse<String> response = proxy.post("/v1/messages", STREAM_BODY.replace("\"m\"", "\"local,m\""));

        assertStreamEndsWithError(response, "timeout_error", "backend 'local' took longer than its total limit of 1500 ms");
        assertUpstreamConnectionWasDropped(stalled, clientHasTheError);
        openai.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks("next")));
        assertThat(proxy.post("/v1/messages", STREAM_BODY.replace("\"m\"", "\"local,m\"")).body())
                .contains("event: message_stop");
    }

    @Test
    void translatedStreamThatGoesSilentEndsWithATimeoutErrorEventAsARelayedOneDoes() {
        CountDownLatch clientHasTheError = new CountDownLatch(1);
        SseResponse stalled = stalledTranslatedStream(clientHasTheError);
        openai.enqueue(stalled);

        HttpResponse<String> response = proxy.post("/v1/messages", STREAM_BODY.replace("\"m\"", "\"quiet-local,m\""));

        assertStreamEndsWithError(response, "timeout_error",
                "backend 'quiet-local' sent nothing for 300 ms (timeouts.idleMs)");
        assertThat(response.body()).contains("Hel");
        assertUpstreamConnectionWasDropped(stalled, clientHasTheError);
    }

    @Test
    void upstreamThatNeverAcceptsTheConnectionGetsA504AfterTheConnectTimeout() throws IOException {
        fillBacklog();

        HttpResponse<String> response = proxy.post("/v1/messages", BODY.replace("\"m\"", "\"unanswered,m\""),
                "x-api-key", "k");

        assertHttpError(response, 504, "timeout_error",
                "backend 'unanswered' could not be connected to within 300 ms (timeouts.connectMs)");
        assertNextRequestIsServed("header-wait");
    }

    /** Two events, then a pause until {@code gate} opens, then far more than any socket buffer holds. */
    private static SseResponse stalledStream(CountDownLatch gate) {
        List<String> frames = new ArrayList<>(AnthropicFixtures.textStreamFrames("never finished").subList(0, 2));
        for (int i = 0; i < 2000; i++) {
            frames.add(AnthropicFixtures.frame("ping", "{\"type\":\"ping\"}"));
        }
        return MockResponse.sse(frames).gateBefore(2, gate);
    }

    /** The same for the OpenAI mock: two chunks ("Hel", "lo"), the pause, then comment lines. */
    private static SseResponse stalledTranslatedStream(CountDownLatch gate) {
        List<String> chunks = new ArrayList<>(OpenAiFixtures.textChunks("Hel", "lo"));
        for (int i = 0; i < 2000; i++) {
            chunks.add(OpenAiFixtures.comment("keepalive " + i));
        }
        return MockResponse.chunks(chunks).gateBefore(2, gate);
    }

    /** Once the stalled upstream resumes, its writes fail: the proxy had closed the connection. */
    private static void assertUpstreamConnectionWasDropped(SseResponse stalled, CountDownLatch gate) {
        gate.countDown();
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> stalled.finished().isDone());
        assertThat(stalled.finished()).isCompletedExceptionally();
    }

    /**
     * A listening socket that never accepts, with its accept queue full: the kernel then drops further SYNs, so a
     * connect to it hangs as one to a host that does not answer would.
     */
    private void fillBacklog() throws IOException {
        for (int i = 0; i < 8; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(silent.getInetAddress(), silent.getLocalPort()), 200);
                backlog.add(socket);
            } catch (java.net.SocketTimeoutException full) {
                socket.close();
                return;
            }
        }
        throw new IllegalStateException("the accept queue never filled; cannot simulate an unanswered connect here");
    }

    private void assertNextRequestIsServed(String backend) {
        upstream.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson()));
        HttpResponse<String> next = proxy.post("/v1/messages", BODY.replace("\"m\"", "\"" + backend + ",m\""),
                "x-api-key", "k");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).isEqualTo(AnthropicFixtures.messageJson());
    }
}
