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
 * <p>HTTP/1.1 clients send nothing while they wait for an answer; should one send the next request early
 * (pipelining), its bytes are handed back to Undertow and watching stops. A client that half-closes its side
 * after sending the request is taken for gone. Thread-safe.
 */
final class ClientDisconnect {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClientDisconnect.class);

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
        java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(true);
        socket.setReadListener(channel -> {
            if (!watching.get()) {
                channel.suspendReads();
                return;
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
                    connection.getOriginalSourceConduit().setReadReadyHandler(new org.xnio.conduits.ReadReadyHandler
                            .ChannelListenerHandler<>(connection.getChannel().getSourceChannel()));
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
            // Runs before Undertow's own listener, which then reads the connection for the next request: the
            // socket's readiness must reach the connection's channel again (our channel took it over).
            if (watching.compareAndSet(true, false)) {
                socket.suspendReads();
            }
            connection.getOriginalSourceConduit().setReadReadyHandler(
                    new org.xnio.conduits.ReadReadyHandler.ChannelListenerHandler<>(connection.getChannel().getSourceChannel()));
            next.proceed();
        });
        socket.resumeReads();
        return watch;
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
