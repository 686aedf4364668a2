package dev.anyclaude.testkit;

import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xnio.IoUtils;

/**
 * The server's open client connections, so that closing the server closes each one through Undertow (which runs
 * the close listeners, e.g. the one completing {@link HangResponse#clientDisconnected()}). Undertow's own stop
 * terminates sockets without telling those listeners. Thread-safe.
 */
final class OpenConnections {

    private static final AttachmentKey<Boolean> TRACKED = AttachmentKey.create(Boolean.class);

    private final Set<ServerConnection> open = ConcurrentHashMap.newKeySet();

    /** Remembers {@code connection} until it closes; cheap to call on every request of a keep-alive connection. */
    void track(ServerConnection connection) {
        if (connection.getAttachment(TRACKED) != null) {
            return;
        }
        connection.putAttachment(TRACKED, Boolean.TRUE);
        open.add(connection);
        connection.addCloseListener(open::remove);
        if (!connection.isOpen()) {
            open.remove(connection);
        }
    }

    /** How many connections are open now. */
    int count() {
        open.removeIf(connection -> !connection.isOpen());
        return open.size();
    }

    /** Closes every connection still open. */
    void closeAll() {
        for (ServerConnection connection : open) {
            IoUtils.safeClose(connection);
        }
        open.clear();
    }
}
