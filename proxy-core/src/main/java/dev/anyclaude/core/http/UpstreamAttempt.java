package dev.anyclaude.core.http;

import dev.anyclaude.api.http.UpstreamRequest;
import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import io.undertow.client.ClientExchange;
import io.undertow.client.ClientResponse;
import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;
import org.xnio.channels.StreamSourceChannel;

/**
 * One attempt at one upstream request, run entirely on one IO thread (the one serving the client): takes an idle
 * connection of that thread or opens one, sends the request, and hands the answer to a {@link Listener} as it
 * arrives, on that thread. Enforces the connect timeout, the wait for the headers (counted from the start) and the
 * idle timeout between reads of the body. A pooled connection that turns out dead before anything was sent is
 * replaced once by a fresh one. Not thread-safe: every method runs on the attempt's IO thread.
 */
public final class UpstreamAttempt implements ClientCallback<ClientExchange>, ChannelListener<StreamSourceChannel> {

    /** What happens to the attempt; every method is called on the IO thread, and at most one of onEnd/onFailure. */
    public interface Listener {
        /** The status line and headers arrived; body bytes follow. */
        void onHeaders(int status, HttpHeaders headers);

        /** More of the body; the buffer is reused after the call returns. */
        void onBody(ByteBuffer bytes);

        /** The body ended; the connection went back to the pool. */
        void onEnd();

        /**
         * Everything read for now was handed over ({@link #onBody}, and {@link #onEnd} or {@link #onFailure} when
         * the body ended or broke meanwhile); called after every round of reads, so a listener may gather what
         * one round gives and pass it on here, at once.
         */
        default void afterReads() {
        }

        /**
         * The attempt failed. Before the headers: {@link HttpConnectTimeoutException} (no connection within the
         * connect timeout), {@link java.net.http.HttpTimeoutException} (no headers in time) or another
         * {@link IOException} (refused, reset). After them: {@link SocketTimeoutException} (the body went silent
         * for the idle timeout) or another {@link IOException}.
         */
        void onFailure(IOException failure, boolean afterHeaders);
    }

    private final IoThreadClient client;
    private final XnioIoThread thread;
    private final ByteBufferPool buffers;
    private final UpstreamRequest request;
    private final Duration connect;
    private final Listener listener;
    private final String origin;
    private final long started = System.nanoTime();

    private ClientConnection connection;
    private StreamSourceChannel body;
    private boolean reused;
    private boolean requestStarted;
    private boolean requestWritten;
    private boolean headersArrived;
    private boolean done;
    private boolean suspended;
    private XnioExecutor.Key connectTimer;
    private XnioExecutor.Key headerTimer;
    private XnioExecutor.Key idleTimer;
    private long lastRead;
    private final BreakDuringRead breakDuringRead = new BreakDuringRead();

    UpstreamAttempt(IoThreadClient client, XnioIoThread thread, ByteBufferPool buffers, UpstreamRequest request,
                    String origin, Duration connect, Listener listener) {
        this.client = client;
        this.thread = thread;
        this.buffers = buffers;
        this.request = request;
        this.connect = connect;
        this.listener = listener;
        this.origin = origin;
    }

    void begin() {
        headerTimer = thread.executeAfter(() -> fail(UpstreamSupport.timeout(request.method(), request.uri(),
                request.timeout())), millis(request.timeout()), TimeUnit.MILLISECONDS);
        ClientConnection idle = client.poll(thread, origin);
        if (idle != null) {
            reused = true;
            send(idle);
        } else {
            open();
        }
    }

    /** Stops reading the body until {@link #resume()} (the client is slower than the upstream). */
    public void suspend() {
        suspended = true;
        if (body != null) {
            body.suspendReads();
        }
    }

    /** Reads the body again after {@link #suspend()}. */
    public void resume() {
        suspended = false;
        if (body != null && !done) {
            handleEvent(body);
        }
    }

    /** Gives up: drops the connection at once (the upstream sees it close) unless the attempt already ended. */
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        cancelTimers();
        dropConnection();
    }

    private void open() {
        if (connect != null) {
            connectTimer = thread.executeAfter(() -> {
                if (connection == null) {
                    fail(new HttpConnectTimeoutException("no connection to " + origin + " within " + connect.toMillis()
                            + " ms"));
                }
            }, millis(connect), TimeUnit.MILLISECONDS);
        }
        client.connect(thread, request.uri(), buffers, new ClientCallback<>() {
            @Override
            public void completed(ClientConnection opened) {
                cancel(connectTimer);
                if (done) {
                    IoUtils.safeClose(opened);
                    return;
                }
                reused = false;
                send(opened);
            }

            @Override
            public void failed(IOException e) {
                fail(e);
            }
        });
    }

    private void send(ClientConnection target) {
        connection = target;
        try {
            target.sendRequest(UndertowRequests.head(request), this);
        } catch (RuntimeException e) {
            failed(new IOException(e.getClass().getSimpleName() + ": " + e.getMessage(), e));
        }
    }

    /** The request is on its way: listen for the answer and send the body. */
    @Override
    public void completed(ClientExchange exchange) {
        requestStarted = true;
        exchange.setResponseListener(new ClientCallback<>() {
            @Override
            public void completed(ClientExchange answered) {
                onHeaders(answered);
            }

            @Override
            public void failed(IOException e) {
                UpstreamAttempt.this.failed(e);
            }
        });
        UndertowRequests.writeBody(exchange.getRequestChannel(), request.body(), () -> requestWritten = true,
                this::failed);
    }

    /** Sending or the answer failed; a dead pooled connection is replaced once when nothing reached the server. */
    @Override
    public void failed(IOException e) {
        if (breakDuringRead.keep(e)) { // the read under way may hold bytes not handed on yet
            return;
        }
        if (!done && reused && !headersArrived && !requestStarted) {
            reused = false;
            IoUtils.safeClose(connection);
            connection = null;
            open();
            return;
        }
        fail(e);
    }

    private void onHeaders(ClientExchange exchange) {
        if (done) {
            return;
        }
        headersArrived = true;
        cancel(headerTimer);
        ClientResponse response = exchange.getResponse();
        body = exchange.getResponseChannel();
        listener.onHeaders(response.getResponseCode(), UndertowHeaders.toHttpHeaders(response.getResponseHeaders()));
        if (done) {
            return;
        }
        lastRead = System.nanoTime();
        body.getReadSetter().set(this);
        if (!suspended) {
            handleEvent(body);
        }
    }

    /**
     * Reads what the body has, until it has nothing more or ends, handing the listener everything that is already
     * here in one piece (up to a buffer): a chunked answer reads one chunk at a time, and a stream's frames that
     * arrived together would otherwise each cost the client a write of its own. Nothing is waited for.
     */
    @Override
    public void handleEvent(StreamSourceChannel source) {
        if (done) {
            return;
        }
        try {
            readAvailable(source);
        } finally {
            listener.afterReads();
        }
    }

    private void readAvailable(StreamSourceChannel source) {
        try (PooledByteBuffer pooled = buffers.allocate()) {
            ByteBuffer buffer = pooled.getBuffer();
            buffer.clear();
            IOException thrown = null;
            IOException broke;
            breakDuringRead.start();
            try {
                readInto(buffer, source);
            } catch (IOException e) {
                thrown = e;
            } finally {
                broke = breakDuringRead.end(thrown);
            }
            if (broke != null) {
                // What was read before the body broke is part of the answer: the frames before the break reach
                // the client ahead of the error that ends its stream.
                if (buffer.position() > 0 && !done) {
                    listener.onBody(buffer.flip());
                }
                fail(broke);
            }
        } catch (RuntimeException e) {
            fail(new IOException("reading the upstream answer failed: " + e, e));
        }
    }

    private void readInto(ByteBuffer buffer, StreamSourceChannel source) throws IOException {
        while (!suspended && !done) {
            boolean full = !buffer.hasRemaining();
            int read = full ? 0 : source.read(buffer);
            if (read > 0) {
                lastRead = System.nanoTime();
                continue;
            }
            if (buffer.position() > 0) {
                buffer.flip();
                listener.onBody(buffer);
                buffer.clear();
                if (full || read < 0) {
                    continue; // read on; an ended body reads as ended again, once the listener is not suspended
                }
                if (suspended || done) {
                    break;
                }
            }
            if (read == 0) {
                if (idleTimer == null) { // armed once the body has to be waited for; a whole answer needs none
                    armIdleTimer(millis(request.idleTimeout()));
                }
                source.resumeReads();
                return;
            }
            if (breakDuringRead.met() != null) {
                throw breakDuringRead.met(); // the body "ended" because its connection broke
            }
            source.suspendReads();
            finish();
            return;
        }
        if (suspended && !done) {
            source.suspendReads();
        }
    }

    private void finish() {
        done = true;
        cancelTimers();
        if (requestWritten) {
            client.release(origin, connection);
        } else {
            IoUtils.safeClose(connection);
        }
        listener.onEnd();
    }

    private void fail(IOException e) {
        if (done) {
            return;
        }
        done = true;
        cancelTimers();
        dropConnection();
        listener.onFailure(headersArrived ? named(e) : UpstreamSupport.failure(request.method(), request.uri(), e),
                headersArrived);
    }

    /** A broken body's failure with a message, worded as the blocking path's client words one without. */
    private static IOException named(IOException e) {
        return e.getMessage() != null ? e
                : new IOException("upstream response body failed: " + e.getClass().getSimpleName(), e);
    }

    private void armIdleTimer(long delayMillis) {
        idleTimer = thread.executeAfter(() -> {
            if (done) {
                return;
            }
            long silent = System.nanoTime() - lastRead;
            long limit = request.idleTimeout().toNanos();
            if (silent >= limit && !suspended) {
                fail(new SocketTimeoutException("the upstream sent nothing for " + request.idleTimeout().toMillis()
                        + " ms"));
            } else {
                armIdleTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(limit - Math.min(silent, limit))));
            }
        }, Math.max(1, delayMillis), TimeUnit.MILLISECONDS);
    }

    /** Closes the socket underneath: Undertow's own close would wait for an unfinished exchange to end. */
    private void dropConnection() {
        ClientConnection current = connection;
        if (current == null) {
            return;
        }
        try {
            IoUtils.safeClose(current.performUpgrade());
        } catch (IOException | RuntimeException alreadyClosing) {
            IoUtils.safeClose(current);
        }
    }

    private void cancelTimers() {
        cancel(connectTimer);
        cancel(headerTimer);
        cancel(idleTimer);
    }

    private static void cancel(XnioExecutor.Key key) {
        if (key != null) {
            key.remove();
        }
    }

    private static long millis(Duration duration) {
        long millis = duration.toMillis();
        return millis <= 0 ? 1 : Math.min(millis, Long.MAX_VALUE / 2);
    }

    /** When the attempt started ({@link System#nanoTime()}). */
    public long startedNanos() {
        return started;
    }
}
