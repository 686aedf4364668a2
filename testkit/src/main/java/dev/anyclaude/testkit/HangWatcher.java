package dev.anyclaude.testkit;

import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import org.xnio.IoUtils;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * Holds a {@link HangResponse}'s exchange open without a thread, and notices when its client goes away.
 *
 * <p>Undertow stops reading a connection while an exchange is running, so a client that closes its socket is
 * not seen until something is written. Since a hang never writes, this class reads the connection itself
 * (non-blocking, on the IO thread); end of stream or a read error closes the connection, which fires the
 * close listener that completes {@link HangResponse#clientDisconnected()}.
 */
final class HangWatcher {

    private static final System.Logger LOG = System.getLogger(HangWatcher.class.getName());

    private HangWatcher() {
    }

    static void hold(HttpServerExchange exchange, HangResponse hang) {
        ServerConnection connection = exchange.getConnection();
        connection.addCloseListener(closed -> hang.markDisconnected());
        if (!connection.isOpen()) {
            hang.markDisconnected();
            return;
        }
        watchForEndOfStream(connection);
        // A dispatched exchange is not ended by Undertow when the handler returns; nothing ever ends this one.
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> { });
    }

    private static void watchForEndOfStream(ServerConnection connection) {
        if (!(connection instanceof AbstractServerConnection http)) {
            LOG.log(Level.WARNING, "cannot watch {0} for a client disconnect; only server close will be reported",
                    connection.getClass().getName());
            return;
        }
        // The request body is fully read, so the raw conduit now carries only what the client sends next
        // (normally nothing, then end of stream when it closes).
        ConduitStreamSourceChannel source =
                new ConduitStreamSourceChannel(http.getChannel(), http.getOriginalSourceConduit());
        source.getReadSetter().set(channel -> drain(channel, connection));
        source.resumeReads();
    }

    private static void drain(ConduitStreamSourceChannel channel, ServerConnection connection) {
        ByteBuffer scratch = ByteBuffer.allocate(512);
        try {
            int n;
            while ((n = channel.read(scratch)) > 0) {
                scratch.clear(); // bytes after a hung request can never be answered; discard them
            }
            if (n == -1) {
                IoUtils.safeClose(connection);
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "hung client connection failed; treating it as a disconnect", e);
            IoUtils.safeClose(connection);
        }
    }
}
