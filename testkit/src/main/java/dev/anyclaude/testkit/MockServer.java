package dev.anyclaude.testkit;

import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP/1.1 server on 127.0.0.1 with scripted answers, in the manner of OkHttp's MockWebServer; the common
 * part of {@link MockAnthropicServer} and {@link MockOpenAiServer}, which differ only in their default path and in
 * the shape of the error bodies they make up themselves (404 for an unscripted path, 413, 500).
 *
 * <p>Each path has a FIFO queue of {@link MockResponse}s and an optional default answer served whenever its queue
 * is empty: either one fixed answer ({@link #setDefault(String, MockResponse)}; for benchmarks: the same answer,
 * forever, with no delay) or a function of the request ({@link #dispatch(String, Function)}). A request to a path
 * with neither gets a 404. Every request is read to the end, recorded as a {@link RecordedRequest} (unless
 * {@link #setRecording(boolean) recording is off}) and only then answered. Bodies are received without blocking
 * the IO threads; SSE answers are written by pool threads named {@code mock-<dialect>-sse-N}, one flush per frame.
 *
 * <p>Thread-safe: scripting, taking requests and closing may happen from any thread, also while requests are
 * being served. Scripting before {@link #start()} is allowed.
 */
public abstract sealed class MockServer implements AutoCloseable permits MockAnthropicServer, MockOpenAiServer {

    private static final String HOST = "127.0.0.1";
    private static final Duration TAKE_TIMEOUT = Duration.ofSeconds(30);

    private final String defaultPath;
    private final MockDialect dialect;
    private final ResponseScript script = new ResponseScript();
    private final RequestJournal journal = new RequestJournal();
    private final OpenConnections connections = new OpenConnections();
    private ExecutorService streams;
    private Undertow undertow;
    private int port = -1;
    private boolean closed;

    MockServer(String defaultPath, MockDialect dialect) {
        this.defaultPath = defaultPath;
        this.dialect = dialect;
    }

    /**
     * Starts listening on 127.0.0.1 at a free port.
     *
     * @return this server
     * @throws IllegalStateException if already started or closed
     */
    public MockServer start() {
        return start(0);
    }

    /**
     * Starts listening on 127.0.0.1 at {@code port}, or at a free port when {@code port} is 0.
     *
     * @return this server
     * @throws IllegalStateException if already started or closed
     * @throws RuntimeException      (from Undertow) if the port cannot be bound
     */
    public synchronized MockServer start(int port) {
        if (undertow != null || closed) {
            throw new IllegalStateException(closed ? "server is closed" : "server already started");
        }
        // Platform threads, named, kept until close for the next stream: the benchmark tells the mock's CPU time from
        // the proxy's by thread name (virtual threads' shared carriers would hide it, and a thread that ends takes its
        // CPU time with it).
        streams = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.HOURS, new SynchronousQueue<>(),
                Thread.ofPlatform().daemon().name("mock-" + dialect.shortName() + "-sse-", 0).factory());
        Undertow server = Undertow.builder()
                .addHttpListener(port, HOST)
                .setWorkerOption(org.xnio.Options.WORKER_NAME, "mock-" + dialect.shortName())
                // No per-thread buffer caches: streams are written from a pool thread each, and a buffer cached by
                // a thread that ended is only reclaimed by finalization (direct memory ran out under benchmark load).
                .setByteBufferPool(new io.undertow.server.DefaultByteBufferPool(true, 16 * 1024 - 20, 1024, 0))
                .setHandler(new MockHandler(script, journal, streams, connections, dialect))
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

    /** Queues {@code response} for the next request to this server's main path (see the subclass). */
    public void enqueue(MockResponse response) {
        script.enqueue(defaultPath, response);
    }

    /**
     * Queues {@code response} for the next request whose path (query excluded) equals {@code path}.
     *
     * @throws NullPointerException if an argument is null
     */
    public void enqueue(String path, MockResponse response) {
        script.enqueue(path, response);
    }

    /** Sets the answer for the main path when its queue is empty; null removes it. */
    public void setDefault(MockResponse response) {
        script.setDefault(defaultPath, response);
    }

    /** Sets the answer for {@code path} when its queue is empty; null removes it. */
    public void setDefault(String path, MockResponse response) {
        script.setDefault(path, response);
    }

    /**
     * Answers requests to {@code path} whose queue is empty by asking {@code answer}, which sees the whole request
     * (for example to tell a tool-result turn from a first turn by its body); replaces any default of that path.
     * Null removes it.
     *
     * <p>{@code answer} runs on an IO thread once the body has been read: it must be quick and must not block.
     * If it returns null the request gets the 404 of an unscripted path; if it throws, a 500 naming the exception.
     * It is called for every such request even while recording is off.
     *
     * <pre>{@code
     * upstream.dispatch(MockAnthropicServer.MESSAGES, request -> request.bodyUtf8().contains("\"tool_result\"")
     *         ? MockResponse.sse(AnthropicFixtures.textStreamFrames("Done."))
     *         : MockResponse.sse(AnthropicFixtures.toolUseStreamFrames("toolu_1", "Write", input)));
     * }</pre>
     *
     * @throws NullPointerException if {@code path} is null
     */
    public void dispatch(String path, Function<RecordedRequest, ? extends MockResponse> answer) {
        script.setDispatcher(path, answer);
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
     * How many client connections to this server are open now (each one that has sent a request and not closed);
     * a proxy that leaks upstream connections makes this grow.
     */
    public int openConnections() {
        return connections.count();
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
        return getClass().getSimpleName() + "[" + (port < 0 ? "not started" : baseUrl()) + ", " + requestCount()
                + " requests]";
    }
}
