package dev.anyclaude.core.server;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import java.io.IOException;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * Notices a client that hangs up while its answer is being prepared or relayed, at once, not at the next write:
 * after the request body was read, the connection's socket is watched for the end of input. A client that goes
 * away then interrupts the call's thread (which stops a wait for upstream headers, a queue wait or a retry pause)
 * and closes its reply (which cancels the upstream request). Watching stops when the exchange completes.
 *
 * <p>Watching stops before the last bytes of the answer are written ({@link #stopWatching}): from then on the client
 * may send its next request on the connection, and Undertow must read it. HTTP/1.1 clients send nothing while
 * they wait for an answer; should one send the next request early (pipelining), its bytes are handed back to
 * Undertow and watching stops. A client that half-closes its side after sending the request is taken for gone.
 * Thread-safe.
 */
final class ClientDisconnect {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClientDisconnect.class);

    private static final io.undertow.util.AttachmentKey<ClientDisconnect> KEY =
            io.undertow.util.AttachmentKey.create(ClientDisconnect.class);

    private final java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean();
    private ConduitStreamSourceChannel socket;
    private HttpServerConnection connection;
    private volatile Thread worker;
    private volatile AutoCloseable reply;
    private volatile boolean gone;

    private ClientDisconnect() {
    }

    /** Starts watching; call on the connection's IO thread once the request body has been read. */
    static ClientDisconnect watch(HttpServerExchange exchange) {
        ClientDisconnect watch = new ClientDisconnect();
        if (!(exchange.getConnection() instanceof HttpServerConnection connection) || connection.getExtraBytes() != null) {
            return watch;
        }
        // A channel of our own on the raw socket: the connection's channel still ends in the request's body
        // conduit, which is exhausted and would never report the socket again.
        ConduitStreamSourceChannel socket = new ConduitStreamSourceChannel(connection.getChannel(),
                connection.getOriginalSourceConduit());
        java.util.concurrent.atomic.AtomicBoolean watching = watch.watching;
        watching.set(true);
        watch.socket = socket;
        watch.connection = connection;
        exchange.putAttachment(KEY, watch);
        socket.setReadListener(channel -> {
            if (!watching.get()) {
                return; // a late wake-up: the socket belongs to Undertow again
            }
            PooledByteBuffer pooled = connection.getByteBufferPool().allocate();
            boolean handedBack = false;
            try {
                int read = channel.read(pooled.getBuffer());
                if (read == 0) {
                    return;
                }
                watching.set(false);
                channel.suspendReads();
                if (read > 0) {
                    pooled.getBuffer().flip();
                    connection.ungetRequestBytes(pooled);
                    handedBack = true;
                    watch.giveSocketBack();
                    return;
                }
                watch.clientGone(exchange);
            } catch (IOException e) {
                watching.set(false);
                channel.suspendReads();
                watch.clientGone(exchange);
            } finally {
                if (!handedBack) {
                    pooled.close();
                }
            }
        });
        exchange.addExchangeCompleteListener((ex, next) -> {
            // Runs before Undertow's own listener, which then reads the connection for the next request.
            watch.stop();
            next.proceed();
        });
        socket.resumeReads();
        return watch;
    }

    /**
     * Stops watching the exchange's connection, if anyone does; call before writing the last bytes of an answer, after
     * which the client may send its next request. Idempotent.
     */
    static void stopWatching(HttpServerExchange exchange) {
        ClientDisconnect watch = exchange.getAttachment(KEY);
        if (watch != null) {
            watch.stop();
        }
    }

    private void stop() {
        if (watching.compareAndSet(true, false)) {
            socket.suspendReads();
            giveSocketBack();
        }
    }

    /** The socket's readiness goes to the connection's own channel again (ours took it over). */
    private void giveSocketBack() {
        connection.getOriginalSourceConduit().setReadReadyHandler(
                new org.xnio.conduits.ReadReadyHandler.ChannelListenerHandler<>(connection.getChannel().getSourceChannel()));
    }

    /** The thread that answers the call; interrupted if the client is gone already. */
    void runsOn(Thread thread) {
        worker = thread;
        if (gone) {
            thread.interrupt();
        }
    }

    /** The reply being written; closed at once if the client is gone already. */
    void relays(AutoCloseable current) {
        reply = current;
        if (gone) {
            close(current);
        }
    }

    boolean isGone() {
        return gone;
    }

    private void clientGone(HttpServerExchange exchange) {
        if (exchange.isComplete()) {
            return;
        }
        gone = true;
        LOG.debug("client {} hung up before its answer was complete; cancelling the upstream call",
                exchange.getSourceAddress());
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
        }
        AutoCloseable current = reply;
        if (current != null) {
            close(current);
        }
    }

    private static void close(AutoCloseable reply) {
        try {
            reply.close();
        } catch (Exception e) {
            LOG.debug("closing the reply of a client that went away failed; its upstream connection is dropped anyway", e);
        }
    }
}
