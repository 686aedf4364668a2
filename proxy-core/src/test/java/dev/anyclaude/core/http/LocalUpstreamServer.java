package dev.anyclaude.core.http;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import org.xnio.IoUtils;
import org.xnio.Options;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real Undertow server on 127.0.0.1 and a port the OS picks, answering the requests the client contract tests
 * make. Handlers run on worker threads (blocking); every wait is bounded so a failing test cannot hang the build.
 */
final class LocalUpstreamServer implements AutoCloseable {

    /** What the server saw of one request to {@code /echo}. */
    record Seen(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    }

    /** Size of the body {@code /big} sends by default. */
    static final int BIG_BODY = 32 * 1024 * 1024;

    final Deque<Seen> seen = new ConcurrentLinkedDeque<>();
    final Set<InetSocketAddress> peers = ConcurrentHashMap.newKeySet();
    final Set<InetSocketAddress> closedPeers = ConcurrentHashMap.newKeySet();
    final CountDownLatch releaseStream = new CountDownLatch(1);
    final CountDownLatch clientClosed = new CountDownLatch(1);
    final CountDownLatch serverWriteFailed = new CountDownLatch(1);
    final CountDownLatch releaseSlow = new CountDownLatch(1);

    private final Undertow undertow;
    private final int port;
    private final String scheme;

    /** A server keeping idle connections open. */
    LocalUpstreamServer() {
        this(0);
    }

    /** A server closing connections idle for {@code idleTimeoutMillis} (0: never). */
    LocalUpstreamServer(int idleTimeoutMillis) {
        this(idleTimeoutMillis, null);
    }

    /** An {@code https} server when {@code tls} is given, else {@code http}. */
    LocalUpstreamServer(int idleTimeoutMillis, SSLContext tls) {
        scheme = tls == null ? "http" : "https";
        Undertow.Builder builder = Undertow.builder()
                .setIoThreads(2)
                .setWorkerThreads(32)
                .setWorkerOption(Options.TCP_NODELAY, true)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 64L * 1024 * 1024)
                .setHandler(new BlockingHandler(this::handle));
        if (tls == null) {
            builder.addHttpListener(0, "127.0.0.1");
        } else {
            builder.addHttpsListener(0, "127.0.0.1", tls);
        }
        if (idleTimeoutMillis > 0) {
            builder.setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, idleTimeoutMillis);
        }
        undertow = builder.build();
        undertow.start();
        port = ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
    }

    int port() {
        return port;
    }

    URI uri(String pathAndQuery) {
        return URI.create(scheme + "://127.0.0.1:" + port + pathAndQuery);
    }

    private void handle(HttpServerExchange exchange) throws Exception {
        InetSocketAddress peer = exchange.getSourceAddress();
        peers.add(peer);
        exchange.getConnection().addCloseListener(connection -> closedPeers.add(peer));
        switch (exchange.getRequestPath()) {
            case "/echo" -> echo(exchange);
            case "/status" -> status(exchange);
            case "/stream" -> stream(exchange);
            case "/endless" -> endless(exchange);
            case "/truncated" -> truncated(exchange);
            case "/slow" -> slow(exchange);
            case "/big" -> big(exchange);
            case "/limited" -> limited(exchange);
            default -> exchange.setStatusCode(404);
        }
    }

    private void echo(HttpServerExchange exchange) throws IOException {
        byte[] body = exchange.getInputStream().readAllBytes();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            headers.put(values.getHeaderName().toString().toLowerCase(Locale.ROOT), List.copyOf(values));
        }
        seen.add(new Seen(exchange.getRequestMethod().toString(), exchange.getRequestPath(),
                exchange.getQueryString(), headers, body));
        exchange.setStatusCode(201);
        exchange.getResponseHeaders().add(HttpString.tryFromString("X-Reply"), "one");
        exchange.getResponseHeaders().add(HttpString.tryFromString("X-Reply"), "two");
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/octet-stream");
        byte[] prefix = "echo:".getBytes(StandardCharsets.US_ASCII);
        exchange.setResponseContentLength(prefix.length + body.length);
        OutputStream out = exchange.getOutputStream();
        out.write(prefix);
        out.write(body);
    }

    private void status(HttpServerExchange exchange) throws IOException {
        int code = Integer.parseInt(exchange.getQueryParameters().get("code").getFirst());
        exchange.setStatusCode(code);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getOutputStream().write(("{\"error\":" + code + "}").getBytes(StandardCharsets.US_ASCII));
    }

    /** Chunk one, flushed; chunk two only after the test released it. */
    private void stream(HttpServerExchange exchange) throws Exception {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream");
        OutputStream out = exchange.getOutputStream();
        out.write("data: one\n\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        releaseStream.await(30, TimeUnit.SECONDS);
        out.write("data: two\n\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Chunk one, flushed; once the client closed, writes until a write fails. */
    private void endless(HttpServerExchange exchange) throws Exception {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream");
        OutputStream out = exchange.getOutputStream();
        out.write("data: first\n\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        clientClosed.await(30, TimeUnit.SECONDS);
        byte[] more = ("data: " + "x".repeat(1000) + "\n\n").getBytes(StandardCharsets.US_ASCII);
        try {
            for (int i = 0; i < 100_000; i++) {
                out.write(more);
                out.flush();
            }
        } catch (IOException expected) {
            serverWriteFailed.countDown();
        }
    }

    /** Promises 1000 bytes (or chunks), sends 10, then drops the connection. */
    private void truncated(HttpServerExchange exchange) throws IOException {
        if (!exchange.getQueryParameters().containsKey("chunked")) {
            exchange.setResponseContentLength(1000);
        }
        OutputStream out = exchange.getOutputStream();
        out.write("0123456789".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        IoUtils.safeClose(exchange.getConnection());
    }

    private void slow(HttpServerExchange exchange) throws Exception {
        releaseSlow.await(30, TimeUnit.SECONDS);
        exchange.getOutputStream().write("late".getBytes(StandardCharsets.US_ASCII));
    }

    /** {@link #BIG_BODY} bytes, byte i being {@code (byte) i}, written in 8 KiB pieces. */
    private void big(HttpServerExchange exchange) throws IOException {
        exchange.setResponseContentLength(BIG_BODY);
        OutputStream out = exchange.getOutputStream();
        byte[] piece = new byte[8192];
        for (int i = 0; i < piece.length; i++) {
            piece[i] = (byte) i;
        }
        for (int written = 0; written < BIG_BODY; written += piece.length) {
            out.write(piece);
        }
    }

    /** Accepts bodies up to 1 KiB: a larger one is refused with 413 before it was read. */
    private void limited(HttpServerExchange exchange) throws IOException {
        exchange.setMaxEntitySize(1024);
        exchange.getInputStream().readAllBytes();
        exchange.getOutputStream().write("fine".getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() {
        releaseStream.countDown();
        clientClosed.countDown();
        releaseSlow.countDown();
        undertow.stop();
    }
}
