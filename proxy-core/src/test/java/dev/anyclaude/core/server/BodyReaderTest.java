package dev.anyclaude.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BodyReader} on a real Undertow server and raw sockets: bodies whole or in pieces, announced or chunked, at
 * and over the limit. The handler answers with the body's length and SHA-256, or with the error's status and type.
 */
class BodyReaderTest {
    private static final int LIMIT = 64 * 1024;

    private Undertow server;
    private int port;

    @BeforeEach
    void start() {
        BodyReader reader = new BodyReader(LIMIT);
        server = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setIoThreads(1)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, reader.drainLimit())
                .setHandler(exchange -> reader.read(exchange,
                        (ex, body) -> ex.getResponseSender().send(body.length + " " + sha256(body)),
                        (ex, error) -> {
                            ex.setStatusCode(error.status());
                            ex.getResponseSender().send(error.type().wireName());
                        }))
                .build();
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().getFirst().getAddress()).getPort();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void announcedBodyArrivingInSmallPiecesIsReadWhole() throws Exception {
        byte[] body = randomJsonSafe(50_000);
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head("Content-Length: " + body.length));
            for (int at = 0; at < body.length; at += 7_000) {
                out.write(body, at, Math.min(7_000, body.length - at));
                out.flush();
                Thread.sleep(5); // each piece its own read on the server
            }
            assertThat(answer(socket)).endsWith(body.length + " " + sha256(body));
        }
    }

    @Test
    void chunkedBodyLargerThanTheFirstArrayIsReadWhole() throws Exception {
        byte[] body = randomJsonSafe(40_000);
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head("Transfer-Encoding: chunked"));
            for (int at = 0; at < body.length; at += 3_000) {
                int length = Math.min(3_000, body.length - at);
                out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, at, length);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(answer(socket)).endsWith(body.length + " " + sha256(body));
        }
    }

    @Test
    void bodyOfExactlyTheLimitIsKeptAndOneByteMoreIs413() throws Exception {
        byte[] atLimit = randomJsonSafe(LIMIT);
        byte[] overLimit = randomJsonSafe(LIMIT + 1);
        try (Socket socket = connect()) { // one connection: the 413 leaves it usable
            OutputStream out = socket.getOutputStream();
            out.write(head("Content-Length: " + overLimit.length));
            out.write(overLimit);
            out.flush();
            String refused = answer(socket);
            assertThat(refused).startsWith("HTTP/1.1 413 ").endsWith("request_too_large");
            out.write(head("Content-Length: " + atLimit.length));
            out.write(atLimit);
            out.flush();
            assertThat(answer(socket)).startsWith("HTTP/1.1 200 ").endsWith(LIMIT + " " + sha256(atLimit));
        }
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head("Transfer-Encoding: chunked"));
            byte[] chunk = randomJsonSafe(10_000);
            for (int i = 0; i < 8; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(answer(socket)).startsWith("HTTP/1.1 413 ").endsWith("request_too_large");
        }
    }

    @Test
    void clientExpectingContinueGetsItThenItsBodyIsRead() throws Exception {
        byte[] body = randomJsonSafe(30_000);
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head("Content-Length: " + body.length + "\r\nExpect: 100-continue"));
            out.flush();
            byte[] interim = socket.getInputStream().readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
            assertThat(new String(interim, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            out.write(body);
            out.flush();
            assertThat(answer(socket)).startsWith("HTTP/1.1 200 ").endsWith(body.length + " " + sha256(body));
        }
    }

    @Test
    void clientExpectingContinueWithABodyOverTheLimitGets413AtOnce() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head("Content-Length: " + (LIMIT + 1) + "\r\nExpect: 100-continue"));
            out.flush();
            String refused = answer(socket); // without the body ever being sent
            assertThat(refused).startsWith("HTTP/1.1 413 ").endsWith("request_too_large");
        }
    }

    @Test
    void emptyBodyIsAnEmptyArray() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(head("Content-Length: 0"));
            assertThat(answer(socket)).endsWith("0 " + sha256(new byte[0]));
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static byte[] head(String framing) {
        return ("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + framing
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** One response with a content-length: its status line and its body. */
    private static String answer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed in the head: " + head);
            }
            head.write(next);
        }
        String headText = head.toString(StandardCharsets.US_ASCII);
        int length = headText.lines().filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
                .mapToInt(line -> Integer.parseInt(line.substring(15).trim())).findFirst().orElseThrow();
        return headText.lines().findFirst().orElseThrow() + " | " + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static byte[] randomJsonSafe(int length) {
        byte[] bytes = new byte[length];
        Random random = new Random(length);
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ('a' + random.nextInt(26));
        }
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
