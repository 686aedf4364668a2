package dev.anyclaude.testkit;

import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP/1.1 server on 127.0.0.1 that answers like the Anthropic Messages API, with scripted answers, in
 * the manner of OkHttp's MockWebServer.
 *
 * <p>Each path has a FIFO queue of {@link MockResponse}s and an optional default answer served whenever its queue
 * is empty (for benchmarks: one fixed answer, forever, with no delay). A request to a path with neither gets a
 * 404 {@code not_found_error}. Every request is read to the end, recorded as a {@link RecordedRequest} (unless
 * {@link #setRecording(boolean) recording is off}) and only then answered. Bodies are received without blocking
 * the IO threads; SSE answers are written by virtual threads, one flush per frame.
 *
 * <pre>{@code
 * try (MockAnthropicServer upstream = new MockAnthropicServer()) {
 *     upstream.start();
 *     upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames()));
 *     // point the proxy at upstream.baseUrl(), send a request through it ...
 *     RecordedRequest seen = upstream.takeRequest();
 *     assertEquals("beta=true", seen.queryString());
 * }
 * }</pre>
 *
 * <p>Thread-safe: scripting, taking requests and closing may happen from any thread, also while requests are
 * being served. Scripting before {@link #start()} is allowed.
 */
public final class MockAnthropicServer implements AutoCloseable {

    /** {@code /v1/messages}, the default path of {@link #enqueue(MockResponse)}. */
    public static final String MESSAGES = "/v1/messages";
    /** {@code /v1/messages/count_tokens}. */
    public static final String COUNT_TOKENS = "/v1/messages/count_tokens";
    /** {@code /v1/models}. */
    public static final String MODELS = "/v1/models";

    private static final String HOST = "127.0.0.1";
    private static final Duration TAKE_TIMEOUT = Duration.ofSeconds(30);

    private final ResponseScript script = new ResponseScript();
    private final RequestJournal journal = new RequestJournal();
    private final OpenConnections connections = new OpenConnections();
    private ExecutorService streams;
    private Undertow undertow;
    private int port = -1;
    private boolean closed;

    /** A server that is not listening yet; call {@link #start()}. */
    public MockAnthropicServer() {
    }

    /**
     * Starts listening on 127.0.0.1 at a free port.
     *
     * @return this server
     * @throws IllegalStateException if already started or closed
     */
    public MockAnthropicServer start() {
        return start(0);
    }

    /**
     * Starts listening on 127.0.0.1 at {@code port}, or at a free port when {@code port} is 0.
     *
     * @return this server
     * @throws IllegalStateException if already started or closed
     * @throws RuntimeException      (from Undertow) if the port cannot be bound
     */
    public synchronized MockAnthropicServer start(int port) {
        if (undertow != null || closed) {
            throw new IllegalStateException(closed ? "server is closed" : "server already started");
        }
        streams = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("mock-anthropic-sse-", 0).factory());
        Undertow server = Undertow.builder()
                .addHttpListener(port, HOST)
                .setHandler(new MockHandler(script, journal, streams, connections))
                .build();
        server.start();
        undertow = server;
        this.port = ((InetSocketAddress) server.getListenerInfo().getFirst().getAddress()).getPort();
        return this;
    }

    /**
     * The bound port.
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public synchronized int port() {
        if (port < 0) {
            throw new IllegalStateException("server not started");
        }
        return port;
    }

    /**
     * {@code http://127.0.0.1:<port>}, without a trailing slash.
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public String baseUrl() {
        return "http://" + HOST + ":" + port();
    }

    /** Queues {@code response} for the next request to {@link #MESSAGES}. */
    public void enqueue(MockResponse response) {
        script.enqueue(MESSAGES, response);
    }

    /**
     * Queues {@code response} for the next request whose path (query excluded) equals {@code path}.
     *
     * @throws NullPointerException if an argument is null
     */
    public void enqueue(String path, MockResponse response) {
        script.enqueue(path, response);
    }

    /** Sets the answer for {@link #MESSAGES} when its queue is empty; null removes it. */
    public void setDefault(MockResponse response) {
        script.setDefault(MESSAGES, response);
    }

    /** Sets the answer for {@code path} when its queue is empty; null removes it. */
    public void setDefault(String path, MockResponse response) {
        script.setDefault(path, response);
    }

    /** How many answers are still queued for {@code path}. */
    public int queuedCount(String path) {
        return script.queued(path);
    }

    /**
     * Turns recording on (the default) or off. Off, requests are only counted, so a long benchmark does not
     * keep every body in memory.
     */
    public void setRecording(boolean on) {
        journal.setRecording(on);
    }

    /**
     * The oldest recorded request not yet taken, waiting for one to arrive if needed. A request is recorded
     * before its answer is sent.
     *
     * @throws IllegalStateException if none arrives within 30 seconds (a guard against a hung test)
     * @throws InterruptedException  if interrupted while waiting
     */
    public RecordedRequest takeRequest() throws InterruptedException {
        RecordedRequest request = journal.take(TAKE_TIMEOUT);
        if (request == null) {
            throw new IllegalStateException("no request arrived within " + TAKE_TIMEOUT.toSeconds() + "s");
        }
        return request;
    }

    /**
     * Like {@link #takeRequest()} but waits at most {@code timeout}.
     *
     * @return the request, or null when none arrived in time
     * @throws InterruptedException if interrupted while waiting
     */
    public RecordedRequest takeRequest(Duration timeout) throws InterruptedException {
        return journal.take(Objects.requireNonNull(timeout, "timeout"));
    }

    /** How many requests have been received (read to the end), recorded or not, taken or not. */
    public int requestCount() {
        return journal.count();
    }

    /**
     * Stops the server: stream threads are interrupted (open gates are abandoned), every open connection is
     * closed, hung requests see their {@link HangResponse#clientDisconnected()} complete. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (streams != null) {
            streams.shutdownNow();
        }
        if (undertow != null) {
            connections.closeAll();
            undertow.stop();
        }
    }

    @Override
    public String toString() {
        return "MockAnthropicServer[" + (port < 0 ? "not started" : baseUrl()) + ", " + requestCount() + " requests]";
    }
}
