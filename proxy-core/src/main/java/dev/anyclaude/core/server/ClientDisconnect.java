package dev.anyclaude.core.server;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import java.io.IOException;
import org.xnio.ChannelListener;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.StreamSourceConduit;

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
        org.xnio.conduits.ConduitStreamSourceChannel source = connection.getChannel().getSourceChannel();
        StreamSourceConduit socket = connection.getOriginalSourceConduit();
        ChannelListener<StreamSourceChannel> listener = new ChannelListener<>() {
            @Override
            public void handleEvent(StreamSourceChannel channel) {
                PooledByteBuffer pooled = connection.getByteBufferPool().allocate();
                boolean handedBack = false;
                try {
                    int read = socket.read(pooled.getBuffer());
                    if (read == 0) {
                        return;
                    }
                    channel.suspendReads();
                    channel.getReadSetter().set(null);
                    if (read > 0) {
                        pooled.getBuffer().flip();
                        connection.ungetRequestBytes(pooled);
                        handedBack = true;
                        return;
                    }
                    watch.clientGone(exchange);
                } catch (IOException e) {
                    channel.suspendReads();
                    channel.getReadSetter().set(null);
                    watch.clientGone(exchange);
                } finally {
                    if (!handedBack) {
                        pooled.close();
                    }
                }
            }
        };
        exchange.addExchangeCompleteListener((ex, next) -> {
            // Runs before Undertow's own listener, which then watches the connection for the next request.
            if (source.getReadListener() == listener) {
                source.suspendReads();
                source.setReadListener(null);
            }
            next.proceed();
        });
        source.setReadListener(listener);
        source.resumeReads();
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
