package dev.anyclaude.core.http;

import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.api.http.UpstreamRequest;
import dev.anyclaude.api.http.UpstreamResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link UpstreamClient} must do, checked against a real Undertow server on 127.0.0.1. A subclass per
 * implementation supplies the client.
 */
abstract class UpstreamClientContractTest {

    /** Waits on the server and on reads are bounded by this, so a broken client fails instead of hanging. */
    static final long WAIT_SECONDS = 20;

    LocalUpstreamServer server;
    UpstreamClient client;

    /** A new client under test; closed after each test when it is {@link AutoCloseable}. */
    abstract UpstreamClient newClient();

    /** A new client under test whose {@code https} connections trust only {@code tls}'s certificate. */
    abstract UpstreamClient newClient(SSLContext tls);

    @BeforeEach
    void start() {
        server = new LocalUpstreamServer();
        client = newClient();
    }

    @AfterEach
    void stop() throws Exception {
        if (client instanceof AutoCloseable closeable) {
            closeable.close();
        }
        server.close();
    }

    @Test
    void postSendsMethodPathQueryHeadersAndExactBodyAndReturnsTheAnswer() throws Exception {
        byte[] body = new byte[256 + 3];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        UpstreamRequest request = UpstreamRequest.post(server.uri("/echo?model=a%20b&n=1"), body)
                .withHeader("x-api-key", "sk-ant-secret")
                .withHeader("X-Multi", "first")
                .withHeader("X-Multi", "second")
                .withHeader("Content-Type", "application/json")
                .withHeader("Host", "evil.example")
                .withHeader("Content-Length", "3")
                .withHeader("Connection", "close");

        try (UpstreamResponse response = client.send(request)) {
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.headers().allValues("x-reply")).containsExactly("one", "two");
            assertThat(response.headers().firstValue("CONTENT-TYPE")).contains("application/octet-stream");
            byte[] answer = response.body().readAllBytes();
            assertThat(new String(answer, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("echo:");
            assertThat(answer).hasSize(5 + body.length);
            assertThat(Arrays.copyOfRange(answer, 5, answer.length)).isEqualTo(body);
        }

        LocalUpstreamServer.Seen seen = server.seen.getFirst();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/echo");
        assertThat(seen.query()).isEqualTo("model=a%20b&n=1");
        assertThat(seen.body()).isEqualTo(body);
        assertThat(seen.headers().get("x-api-key")).containsExactly("sk-ant-secret");
        assertThat(seen.headers().get("x-multi")).containsExactly("first", "second");
        assertThat(seen.headers().get("content-type")).containsExactly("application/json");
        assertThat(seen.headers().get("host")).containsExactly("127.0.0.1:" + server.port());
        assertThat(seen.headers().get("content-length")).containsExactly(String.valueOf(body.length));
        assertThat(seen.headers()).doesNotContainKey("connection");
    }

    @Test
    void largeBodiesTravelWholeBothWays() throws Exception {
        byte[] body = new byte[4 * 1024 * 1024 + 7];
        new Random(42).nextBytes(body);
        try (UpstreamResponse response = client.send(UpstreamRequest.post(server.uri("/echo"), body))) {
            assertThat(response.status()).isEqualTo(201);
            byte[] answer = response.body().readAllBytes();
            assertThat(answer).hasSize(5 + body.length);
            assertThat(Arrays.copyOfRange(answer, 5, answer.length)).isEqualTo(body);
        }
        assertThat(server.seen.getFirst().body()).isEqualTo(body);
    }

    @Test
    void anAnswerSentBeforeTheBodyWasReadComesThrough() throws Exception {
        // Small enough for the socket buffers: with a body the server never reads that does not fit, the server's
        // close resets the connection and the kernel may drop the answer before anyone can read it (any client).
        byte[] body = new byte[48 * 1024];
        try (UpstreamResponse response = client.send(UpstreamRequest.post(server.uri("/limited"), body))) {
            assertThat(response.status()).isEqualTo(413);
            response.body().readAllBytes();
        }
        try (UpstreamResponse response = client.send(UpstreamRequest.post(server.uri("/limited"), new byte[10]))) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("fine");
        }
    }

    @Test
    void getWithoutBodyWorks() throws Exception {
        try (UpstreamResponse response = client.send(UpstreamRequest.get(server.uri("/echo")))) {
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.body().readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("echo:");
        }
        LocalUpstreamServer.Seen seen = server.seen.getFirst();
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.body()).isEmpty();
    }

    @Test
    void streamedBodyIsReadableChunkByChunkAsTheServerFlushes() throws Exception {
        try (ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor();
             UpstreamResponse response = client.send(UpstreamRequest.get(server.uri("/stream")))) {
            assertThat(response.status()).isEqualTo(200);
            InputStream body = response.body();

            // the server holds chunk two back until chunk one was read: a client that buffers would never get here
            Future<String> first = reader.submit(() -> readUntilBlankLine(body));
            assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("data: one\n\n");

            server.releaseStream.countDown();
            Future<String> rest = reader.submit(() -> new String(body.readAllBytes(), StandardCharsets.US_ASCII));
            assertThat(rest.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("data: two\n\n");
            assertThat(body.read()).isEqualTo(-1);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 404, 413, 429, 500, 502, 503, 529})
    void errorStatusesAndTheirBodiesComeThroughUnchanged(int code) throws Exception {
        try (UpstreamResponse response = client.send(UpstreamRequest.get(server.uri("/status?code=" + code)))) {
            assertThat(response.status()).isEqualTo(code);
            assertThat(response.headers().firstValue("content-type")).contains("application/json");
            assertThat(response.body().readAllBytes()).asString(StandardCharsets.US_ASCII)
                    .isEqualTo("{\"error\":" + code + "}");
        }
    }

    @Test
    void sequentialRequestsReuseKeepAliveConnections() throws Exception {
        for (int i = 0; i < 20; i++) {
            byte[] body = ("request " + i).getBytes(StandardCharsets.UTF_8);
            try (UpstreamResponse response = client.send(UpstreamRequest.post(server.uri("/echo"), body))) {
                assertThat(response.body().readAllBytes()).asString(StandardCharsets.UTF_8)
                        .isEqualTo("echo:request " + i);
            }
        }
        assertThat(server.seen).hasSize(20);
        assertThat(server.peers).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsReplaced() throws Exception {
        try (LocalUpstreamServer closing = new LocalUpstreamServer(200)) {
            try (UpstreamResponse response = client.send(UpstreamRequest.get(closing.uri("/echo")))) {
                assertThat(response.body().readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("echo:");
            }
            await().atMost(Duration.ofSeconds(WAIT_SECONDS))
                    .until(() -> closing.closedPeers.containsAll(closing.peers));

            try (UpstreamResponse response = client.send(UpstreamRequest.get(closing.uri("/echo")))) {
                assertThat(response.status()).isEqualTo(201);
                assertThat(response.body().readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("echo:");
            }
            assertThat(closing.peers).hasSize(2);
        }
    }

    @Test
    void closingBeforeTheEndCancelsTheUpstreamRequest() throws Exception {
        UpstreamResponse response = client.send(UpstreamRequest.get(server.uri("/endless")));
        assertThat(readUntilBlankLine(response.body())).isEqualTo("data: first\n\n");

        response.close();
        response.close(); // idempotent
        server.clientClosed.countDown();

        assertThat(server.serverWriteFailed.await(WAIT_SECONDS, TimeUnit.SECONDS))
                .as("the server's writes fail once the client closed the connection")
                .isTrue();
        assertThatThrownBy(() -> response.body().read()).isInstanceOf(IOException.class);
    }

    @Test
    void refusedConnectionNamesTheTargetButNoHeaderValue() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        UpstreamRequest request = UpstreamRequest.post(
                        URI.create("http://127.0.0.1:" + port + "/v1/messages?key=query-secret"),
                        "{}".getBytes(StandardCharsets.UTF_8))
                .withHeader("x-api-key", "sk-ant-secret")
                .withHeader("authorization", "Bearer sk-ant-secret");

        assertThatThrownBy(() -> client.send(request))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("http://127.0.0.1:" + port)
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage()))
                                .doesNotContain("sk-ant-secret")
                                .doesNotContain("query-secret");
                    }
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"/truncated", "/truncated?chunked"})
    void aConnectionDroppedMidBodyFailsTheRead(String path) throws Exception {
        try (UpstreamResponse response = client.send(UpstreamRequest.get(server.uri(path)))) {
            assertThat(response.status()).isEqualTo(200);
            InputStream body = response.body();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            assertThatThrownBy(() -> {
                byte[] buffer = new byte[64];
                for (int n; (n = body.read(buffer)) != -1; ) {
                    received.write(buffer, 0, n);
                }
            }).isInstanceOf(IOException.class);
            assertThat(received.toString(StandardCharsets.US_ASCII)).isEqualTo("0123456789");
        }
    }

    @Test
    void missingHeadersTimeOut() throws Exception {
        UpstreamRequest request = UpstreamRequest.get(server.uri("/slow")).withTimeout(Duration.ofMillis(300));
        assertThatThrownBy(() -> client.send(request))
                .isInstanceOf(HttpTimeoutException.class)
                .hasMessageContaining("http://127.0.0.1:" + server.port());
        server.releaseSlow.countDown();

        // the client is still usable afterwards
        try (UpstreamResponse response = client.send(UpstreamRequest.get(server.uri("/echo")))) {
            assertThat(response.status()).isEqualTo(201);
            response.body().readAllBytes();
        }
    }

    @Test
    void httpsCarriesBodiesAndStreamsChunkByChunk(@TempDir Path directory) throws Exception {
        SSLContext tls = SelfSignedTls.create(directory);
        UpstreamClient tlsClient = newClient(tls);
        try (LocalUpstreamServer tlsServer = new LocalUpstreamServer(0, tls);
             ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor()) {
            byte[] body = "{\"hello\":\"tls\"}".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 3; i++) {
                try (UpstreamResponse response = tlsClient.send(UpstreamRequest.post(tlsServer.uri("/echo"), body))) {
                    assertThat(response.status()).isEqualTo(201);
                    assertThat(response.body().readAllBytes()).asString(StandardCharsets.UTF_8)
                            .isEqualTo("echo:{\"hello\":\"tls\"}");
                }
            }
            assertThat(tlsServer.peers).hasSize(1);

            try (UpstreamResponse response = tlsClient.send(UpstreamRequest.get(tlsServer.uri("/stream")))) {
                Future<String> first = reader.submit(() -> readUntilBlankLine(response.body()));
                assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("data: one\n\n");
                tlsServer.releaseStream.countDown();
                assertThat(response.body().readAllBytes()).asString(StandardCharsets.US_ASCII)
                        .isEqualTo("data: two\n\n");
            }
        } finally {
            if (tlsClient instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    @Test
    void httpsRejectsAnUntrustedCertificate(@TempDir Path directory) throws Exception {
        SSLContext tls = SelfSignedTls.create(directory);
        try (LocalUpstreamServer tlsServer = new LocalUpstreamServer(0, tls)) {
            // the default client trusts the JVM's CAs only
            assertThatThrownBy(() -> client.send(UpstreamRequest.get(tlsServer.uri("/echo"))))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("https://127.0.0.1:" + tlsServer.port());
        }
    }

    @Test
    void concurrentRequestsFromVirtualThreadsAllGetTheirOwnAnswers() throws Exception {
        List<Future<List<String>>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(threads.submit(() -> {
                    List<String> answers = new ArrayList<>();
                    for (int r = 0; r < 25; r++) {
                        byte[] body = ("thread " + thread + " request " + r).getBytes(StandardCharsets.UTF_8);
                        try (UpstreamResponse response = client.send(UpstreamRequest.post(server.uri("/echo"), body))) {
                            assertThat(response.status()).isEqualTo(201);
                            answers.add(new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                    return answers;
                }));
            }
            for (int t = 0; t < 8; t++) {
                List<String> answers = results.get(t).get(WAIT_SECONDS * 3, TimeUnit.SECONDS);
                assertThat(answers).hasSize(25);
                for (int r = 0; r < 25; r++) {
                    assertThat(answers.get(r)).isEqualTo("echo:thread " + t + " request " + r);
                }
            }
        }
        assertThat(server.seen).hasSize(200);
        assertThat(server.peers).hasSizeLessThanOrEqualTo(16);
    }

    /**
     * Reads with a large buffer until the text ends with a blank line ({@code \n\n}): a body whose reads wait to
     * fill the buffer would block here while the server holds the rest back.
     */
    static String readUntilBlankLine(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!text.toString().endsWith("\n\n")) {
            int n = in.read(buffer);
            if (n == -1) {
                break;
            }
            text.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
        }
        return text.toString();
    }
}
