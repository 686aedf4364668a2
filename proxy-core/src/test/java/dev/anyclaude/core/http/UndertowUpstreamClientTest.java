package dev.anyclaude.core.http;

import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.api.http.UpstreamRequest;
import dev.anyclaude.api.http.UpstreamResponse;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The {@link UpstreamClient} contract for {@link UndertowUpstreamClient}, and its own pooling and backpressure. */
class UndertowUpstreamClientTest extends UpstreamClientContractTest {

    @Override
    UpstreamClient newClient() {
        return new UndertowUpstreamClient();
    }

    @Override
    UpstreamClient newClient(SSLContext tls) {
        return new UndertowUpstreamClient(UndertowUpstreamClient.DEFAULT_IO_THREADS, tls);
    }

    private UndertowUpstreamClient undertow() {
        return (UndertowUpstreamClient) client;
    }

    private String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    @Test
    void aBodyThatGoesSilentLongerThanTheIdleTimeoutFailsTheReadInsteadOfHanging() throws Exception {
        UpstreamRequest request = UpstreamRequest.get(server.uri("/stream")).withIdleTimeout(java.time.Duration.ofMillis(300));
        try (UpstreamResponse response = client.send(request)) {
            java.io.InputStream body = response.body();
            byte[] first = new byte[11];
            assertThat(body.readNBytes(first, 0, 11)).isEqualTo(11);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> body.read())
                    .isInstanceOf(java.net.SocketTimeoutException.class)
                    .hasMessageContaining("sent nothing for");
        } finally {
            server.releaseStream.countDown();
        }
    }

    /**
     * A whole chunk and the start of the next arrive together, then the connection closes: the bytes of the cut chunk
     * that arrived are read before the failure, as the fast path's {@code UpstreamAttempt} hands them on (an SSE event
     * whose blank line came in them is then complete on both paths).
     */
    @Test
    void theBytesOfAChunkCutByTheBreakAreReadBeforeTheFailure() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ExecutorService serving = Executors.newVirtualThreadPerTaskExecutor()) {
            var served = serving.submit(() -> {
                try (Socket socket = raw.accept()) {
                    InputStream in = socket.getInputStream();
                    for (int matched = 0; matched < 4; ) { // the request head; a GET has no body
                        int b = in.read();
                        matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
                    }
                    socket.getOutputStream().write(("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
                            + "transfer-encoding: chunked\r\n\r\na\r\n0123456789\r\n64\r\nabc")
                            .getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                }
                return null;
            });
            try (UpstreamResponse response = client.send(UpstreamRequest.get(
                    URI.create("http://127.0.0.1:" + raw.getLocalPort() + "/cut")))) {
                InputStream body = response.body();
                java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
                assertThatThrownBy(() -> {
                    byte[] buffer = new byte[64];
                    for (int n; (n = body.read(buffer)) != -1; ) {
                        received.write(buffer, 0, n);
                    }
                }).isInstanceOf(IOException.class).hasMessageContaining("upstream response body failed");
                assertThat(received.toString(StandardCharsets.US_ASCII)).isEqualTo("0123456789abc");
            }
            served.get(WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void aSlowReaderSuspendsReadsAndStillGetsEveryByte() throws Exception {
        try (UpstreamResponse response = client.send(UpstreamRequest.get(server.uri("/big")))) {
            UndertowResponseBody body = (UndertowResponseBody) response.body();

            // nobody reads yet: the queue fills and the listener suspends reads on the connection
            await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> body.suspensions() > 0);

            long total = readAndCheckPattern(body);
            assertThat(total).isEqualTo(LocalUpstreamServer.BIG_BODY);
        }
        assertThat(undertow().idleConnections(origin())).isEqualTo(1);
    }

    @Test
    void aConnectionReturnsToThePoolOnlyAfterItsBodyWasReadToTheEnd() throws Exception {
        UpstreamResponse response = client.send(UpstreamRequest.get(server.uri("/echo")));
        assertThat(undertow().idleConnections(origin())).isZero();
        assertThat(response.body().readAllBytes()).hasSize(5);
        assertThat(undertow().idleConnections(origin())).isEqualTo(1);
        response.close();
        assertThat(undertow().idleConnections(origin())).isEqualTo(1);
    }

    @Test
    void aResponseClosedBeforeItsEndIsNotPooled() throws Exception {
        UpstreamResponse response = client.send(UpstreamRequest.get(server.uri("/stream")));
        assertThat(readUntilBlankLine(response.body())).isEqualTo("data: one\n\n");
        response.close();
        assertThat(undertow().idleConnections(origin())).isZero();

        server.releaseStream.countDown();
        try (UpstreamResponse next = client.send(UpstreamRequest.get(server.uri("/echo")))) {
            assertThat(next.body().readAllBytes()).hasSize(5);
        }
        assertThat(server.peers).hasSize(2);
    }

    @Test
    void aGetIsRetriedOnceOnANewConnectionWhenAPooledOneDropsIt() throws Exception {
        try (DroppingServer upstream = new DroppingServer()) {
            URI uri = URI.create("http://127.0.0.1:" + upstream.port() + "/models");
            try (UpstreamResponse first = client.send(UpstreamRequest.get(uri))) {
                assertThat(first.body().readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("ok");
            }
            try (UpstreamResponse second = client.send(UpstreamRequest.get(uri))) {
                assertThat(second.body().readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("ok");
            }
            assertThat(upstream.accepted()).isEqualTo(2);
        }
    }

    @Test
    void aPostDroppedOnAPooledConnectionFailsInsteadOfBeingSentTwice() throws Exception {
        try (DroppingServer upstream = new DroppingServer()) {
            URI uri = URI.create("http://127.0.0.1:" + upstream.port() + "/v1/messages");
            byte[] body = "{}".getBytes(StandardCharsets.US_ASCII);
            try (UpstreamResponse first = client.send(UpstreamRequest.post(uri, body))) {
                assertThat(first.body().readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("ok");
            }
            assertThatThrownBy(() -> client.send(UpstreamRequest.post(uri, body)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("127.0.0.1:" + upstream.port());
            assertThat(upstream.accepted()).isEqualTo(1);
        }
    }

    /**
     * A bare HTTP/1.1 server on 127.0.0.1: on its first connection it answers one request and drops the connection
     * when the second arrives, as a server closing an idle connection at that moment does; later connections
     * answer every request.
     */
    private static final class DroppingServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        private final AtomicInteger accepted = new AtomicInteger();

        DroppingServer() throws IOException {
            threads.submit(() -> {
                while (!socket.isClosed()) {
                    Socket connection = socket.accept();
                    int number = accepted.incrementAndGet();
                    threads.submit(() -> serve(connection, number == 1 ? 1 : Integer.MAX_VALUE));
                }
                return null;
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        private Void serve(Socket connection, int answers) throws IOException {
            try (connection) {
                InputStream in = connection.getInputStream();
                for (int i = 0; readRequest(in); i++) {
                    if (i == answers) {
                        return null; // drops the connection without an answer
                    }
                    connection.getOutputStream().write(
                            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                }
            }
            return null;
        }

        /** Reads one request's head and body; false at the end of the stream. */
        private static boolean readRequest(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b == -1) {
                    return false;
                }
                head.append((char) b);
            }
            for (String line : head.toString().split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    in.readNBytes(Integer.parseInt(line.substring(15).trim()));
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            socket.close();
            threads.shutdownNow();
        }
    }

    private static long readAndCheckPattern(InputStream body) throws Exception {
        byte[] buffer = new byte[5000];
        long total = 0;
        for (int n; (n = body.read(buffer)) != -1; ) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] != (byte) ((total + i) % 8192)) {
                    throw new AssertionError("byte " + (total + i) + " differs");
                }
            }
            total += n;
        }
        return total;
    }
}
