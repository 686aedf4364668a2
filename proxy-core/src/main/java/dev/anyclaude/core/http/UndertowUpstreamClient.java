package dev.anyclaude.core.http;

import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.api.http.UpstreamRequest;
import dev.anyclaude.api.http.UpstreamResponse;
import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import io.undertow.client.ClientExchange;
import io.undertow.client.ClientResponse;
import io.undertow.client.UndertowClient;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.DefaultByteBufferPool;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.ssl.XnioSsl;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An {@link UpstreamClient} on Undertow's non-blocking HTTP/1.1 client ({@link UndertowClient}), driven by an XNIO
 * worker this client owns. Chosen for the proxy's hot path because it adds less latency than the JDK's client.
 *
 * <ul>
 *   <li>{@link #send} blocks the calling (virtual) thread until the response headers arrived or
 *       {@link UpstreamRequest#timeout()} passed; everything on a connection runs on the connection's IO thread.</li>
 *   <li>The request body is sent with {@code Content-Length}; {@code Host} is set from the URI.</li>
 *   <li>The response body streams through a bounded queue ({@link UndertowResponseBody}) that suspends reads on the
 *       connection while the reader is behind.</li>
 *   <li>Keep-alive connections are pooled per {@code scheme://host:port} (at most {@value #MAX_IDLE_PER_ORIGIN} idle
 *       ones) and reused only after their response was read to the end. A response closed before its end closes
 *       its connection, which cancels the upstream request.</li>
 *   <li>A pooled connection the server had closed is replaced once by a fresh one, when nothing was sent on it or
 *       the request is a GET or HEAD.</li>
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} shuts the worker down.
 */
public final class UndertowUpstreamClient implements ConnectTimeouts.Capable, AutoCloseable {

    /** IO threads of the worker: two serve many connections. */
    public static final int DEFAULT_IO_THREADS = 2;
    /** Idle connections kept per {@code scheme://host:port}. */
    public static final int MAX_IDLE_PER_ORIGIN = 64;

    private static final int BUFFER_SIZE = 16 * 1024;
    private static final OptionMap CONNECTION_OPTIONS = OptionMap.create(Options.TCP_NODELAY, true);

    private final XnioWorker worker;
    /** The TLS context for {@code https}; null: the JVM's default, made on the first https call (not at start-up). */
    private final SSLContext sslContext;
    private volatile XnioSsl ssl;
    private final DefaultByteBufferPool buffers = new DefaultByteBufferPool(true, BUFFER_SIZE);
    private final UndertowClient client = UndertowClient.getInstance();
    private final ConcurrentMap<String, ConnectionPool> pools = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A client with {@value #DEFAULT_IO_THREADS} IO threads trusting the JVM's default trust store. */
    public UndertowUpstreamClient() {
        this(DEFAULT_IO_THREADS, null);
    }

    /**
     * A client with its own worker of {@code ioThreads} IO threads, whose {@code https} connections use the given
     * TLS context (with host name verification); null: the JVM's default, made on the first https call (loading the
     * trust store costs about 100 ms of start-up otherwise).
     */
    public UndertowUpstreamClient(int ioThreads, SSLContext sslContext) {
        Xnio xnio = Xnio.getInstance(UndertowUpstreamClient.class.getClassLoader());
        try {
            this.worker = xnio.createWorker(OptionMap.builder()
                    .set(Options.WORKER_NAME, "upstream-client")
                    .set(Options.WORKER_IO_THREADS, ioThreads)
                    .set(Options.WORKER_TASK_CORE_THREADS, 1)
                    .set(Options.WORKER_TASK_MAX_THREADS, 2)
                    .set(Options.TCP_NODELAY, true)
                    .getMap());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the upstream client's IO threads", e);
        }
        this.sslContext = sslContext;
    }

    private XnioSsl ssl() {
        XnioSsl current = ssl;
        if (current == null) {
            synchronized (this) {
                current = ssl;
                if (current == null) {
                    current = new UndertowXnioSsl(Xnio.getInstance(UndertowUpstreamClient.class.getClassLoader()),
                            OptionMap.EMPTY, sslContext != null ? sslContext : defaultSslContext());
                    ssl = current;
                }
            }
        }
        return current;
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) throws IOException {
        return send(request, null);
    }

    /** Sends the request; a new connection that is not open after {@code connect} (null: no limit) fails. */
    @Override
    public UpstreamResponse send(UpstreamRequest request, java.time.Duration connect) throws IOException {
        UpstreamSupport.requireHttpUri(request.uri());
        request.headers().forEach(header -> UpstreamSupport.requireValidHeader(header.getKey(), header.getValue()));
        if (closed.get()) {
            throw new IOException("upstream client closed");
        }
        long start = System.nanoTime();
        ConnectionPool pool = pools.computeIfAbsent(UpstreamSupport.origin(request.uri()),
                origin -> new ConnectionPool(MAX_IDLE_PER_ORIGIN));
        ClientConnection idle = pool.poll();
        if (idle != null) {
            Call call = new Call(request, pool, true);
            call.sendOn(idle);
            try {
                return call.await(start);
            } catch (StaleConnectionException stale) {
                // the pooled connection failed before any answer and resending is safe: use a new one
            }
        }
        Call call = new Call(request, pool, false);
        call.connect(connect);
        return call.await(start);
    }

    /** Closes the idle connections and shuts the worker down; connections still in use are closed with it. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        pools.values().forEach(ConnectionPool::close);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
        buffers.close();
    }

    /** Idle connections pooled for {@code scheme://host:port}; for tests. */
    int idleConnections(String origin) {
        ConnectionPool pool = pools.get(origin);
        return pool == null ? 0 : pool.idleCount();
    }

    private static SSLContext defaultSslContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    /** One attempt at one request on one connection, from sending it to handing its body over. */
    private final class Call implements ClientCallback<ClientExchange> {

        private final UpstreamRequest request;
        private final ConnectionPool pool;
        private final boolean reused;
        private final CompletableFuture<UpstreamResponse> headers = new CompletableFuture<>();
        private volatile ClientConnection connection;
        private volatile boolean requestStarted;
        private volatile boolean requestWritten;
        private volatile UndertowResponseBody body;

        Call(UpstreamRequest request, ConnectionPool pool, boolean reused) {
            this.request = request;
            this.pool = pool;
            this.reused = reused;
        }

        /** Sends the request on a pooled connection, on that connection's IO thread. */
        void sendOn(ClientConnection idle) {
            connection = idle;
            try {
                idle.getIoThread().execute(() -> sendRequest(idle));
            } catch (RejectedExecutionException e) {
                onFailure(new IOException("upstream client closed", e));
            }
        }

        /** Opens a new connection and sends the request on it; gives up after {@code limit} (null: never). */
        void connect(java.time.Duration limit) {
            if (limit != null) {
                try {
                    worker.getIoThread().executeAfter(() -> {
                        if (connection == null) {
                            headers.completeExceptionally(new java.net.http.HttpConnectTimeoutException(
                                    "no connection within " + limit.toMillis() + " ms"));
                        }
                    }, Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    onFailure(new IOException("upstream client closed", e));
                    return;
                }
            }
            try {
                client.connect(new ClientCallback<>() {
                    @Override
                    public void completed(ClientConnection opened) {
                        connection = opened;
                        if (headers.isDone()) {
                            ConnectionPool.abortOnIoThread(opened);
                        } else {
                            sendRequest(opened);
                        }
                    }

                    @Override
                    public void failed(IOException e) {
                        onFailure(e);
                    }
                }, request.uri(), worker, "https".equalsIgnoreCase(request.uri().getScheme()) ? ssl() : null, buffers,
                        CONNECTION_OPTIONS);
            } catch (RuntimeException e) {
                onFailure(new IOException(e.getClass().getSimpleName(), e));
            }
        }

        /** Waits for the response headers until {@code timeout} after {@code start}. */
        UpstreamResponse await(long start) throws IOException {
            long timeout = saturatedNanos(request.timeout().toSeconds(), request.timeout().toNanosPart());
            try {
                return headers.get(Math.max(0, timeout - (System.nanoTime() - start)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                abandon();
                throw UpstreamSupport.timeout(request.method(), request.uri(), request.timeout());
            } catch (InterruptedException e) {
                abandon();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException(
                        request.method() + " " + UpstreamSupport.origin(request.uri()) + " interrupted");
            } catch (ExecutionException e) {
                if (reused && (!requestStarted || isIdempotent(request.method()))) {
                    throw new StaleConnectionException();
                }
                throw UpstreamSupport.failure(request.method(), request.uri(), e.getCause());
            }
        }

        /** The request headers are on their way: listen for the response and send the body. IO thread. */
        @Override
        public void completed(ClientExchange exchange) {
            requestStarted = true;
            exchange.setResponseListener(new ClientCallback<>() {
                @Override
                public void completed(ClientExchange result) {
                    onHeaders(result);
                }

                @Override
                public void failed(IOException e) {
                    onFailure(e);
                }
            });
            UndertowRequests.writeBody(exchange.getRequestChannel(), request.body(), () -> requestWritten = true,
                    this::onFailure);
        }

        @Override
        public void failed(IOException e) {
            onFailure(e);
        }

        private void sendRequest(ClientConnection target) {
            try {
                target.sendRequest(UndertowRequests.head(request), this);
            } catch (RuntimeException e) {
                onFailure(new IOException(e.getClass().getSimpleName(), e));
            }
        }

        /** The status line and headers arrived: hand them over and start reading the body. IO thread. */
        private void onHeaders(ClientExchange exchange) {
            ClientResponse response = exchange.getResponse();
            UndertowResponseBody responseBody = new UndertowResponseBody(exchange.getResponseChannel(),
                    exchange.getConnection().getBufferPool(), this::bodyComplete, this::bodyAborted)
                    .idleTimeout(request.idleTimeout());
            body = responseBody;
            Response answer = new Response(response.getResponseCode(),
                    UndertowHeaders.toHttpHeaders(response.getResponseHeaders()), responseBody);
            if (headers.complete(answer)) {
                responseBody.start();
            } else {
                ConnectionPool.abortOnIoThread(exchange.getConnection()); // the caller gave up waiting
            }
        }

        private void onFailure(IOException e) {
            if (!headers.completeExceptionally(e)) {
                UndertowResponseBody current = body;
                if (current != null) {
                    current.fail(e);
                }
            }
            ClientConnection current = connection;
            if (current != null) {
                ConnectionPool.abortOnIoThread(current);
            }
        }

        /** The caller stopped waiting (timeout, interrupt): drop the connection and any late response. */
        private void abandon() {
            if (!headers.completeExceptionally(new CancellationException("abandoned"))
                    && headers.state() == java.util.concurrent.Future.State.SUCCESS) {
                headers.resultNow().close();
            }
            ClientConnection current = connection;
            if (current != null) {
                ConnectionPool.abortOnIoThread(current);
            }
        }

        private void bodyComplete() {
            if (requestWritten) {
                pool.release(connection);
            } else {
                ConnectionPool.closeOnIoThread(connection);
            }
        }

        private void bodyAborted() {
            ConnectionPool.abortOnIoThread(connection);
        }
    }

    private static boolean isIdempotent(String method) {
        return method.equalsIgnoreCase("GET") || method.equalsIgnoreCase("HEAD");
    }

    private static long saturatedNanos(long seconds, int nanos) {
        return seconds >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : seconds * 1_000_000_000L + nanos;
    }

    /** A pooled connection failed before the request could have reached the server; the request may be retried. */
    private static final class StaleConnectionException extends IOException {
        StaleConnectionException() {
            super("stale pooled connection");
        }
    }

    private record Response(int status, HttpHeaders headers, UndertowResponseBody body) implements UpstreamResponse {

        @Override
        public void close() {
            body.close();
        }
    }
}
