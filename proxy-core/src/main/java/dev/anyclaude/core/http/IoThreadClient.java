package dev.anyclaude.core.http;

import dev.anyclaude.api.http.UpstreamRequest;
import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import io.undertow.client.UndertowClient;
import io.undertow.connector.ByteBufferPool;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import java.io.IOException;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SSLContext;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioIoThread;
import org.xnio.ssl.XnioSsl;

/**
 * Upstream HTTP/1.1 connections owned by the proxy's own IO threads, for the fast path: a call is sent on a
 * connection of the IO thread that serves its client, so the request, the answer and the relay to the client all
 * run on one thread, with no hand-over. Each IO thread keeps its own idle keep-alive connections per
 * {@code scheme://host:port} (at most {@value #MAX_IDLE_PER_ORIGIN}), touched only by that thread, so no locks.
 * The TLS context is made on the first {@code https} call, not at start-up.
 */
public final class IoThreadClient implements AutoCloseable {
    /** Idle connections kept per IO thread and origin. */
    public static final int MAX_IDLE_PER_ORIGIN = 32;
    private static final OptionMap OPTIONS = OptionMap.create(Options.TCP_NODELAY, true);

    private final UndertowClient client = UndertowClient.getInstance();
    private final ConcurrentMap<XnioIoThread, Map<String, ArrayDeque<ClientConnection>>> idle = new ConcurrentHashMap<>();
    /** Each upstream URI's origin, worked out once (backends reuse their URIs); bounded, as URIs may vary. */
    private final ConcurrentMap<URI, String> origins = new ConcurrentHashMap<>();
    private static final int MAX_KNOWN_ORIGINS = 256;
    private volatile XnioSsl ssl;
    private volatile boolean closed;

    /** Starts one attempt of {@code request} on {@code thread}; call on that thread. */
    public UpstreamAttempt start(XnioIoThread thread, ByteBufferPool buffers, UpstreamRequest request,
                                 java.time.Duration connect, UpstreamAttempt.Listener listener) {
        UpstreamSupport.requireHttpUri(request.uri());
        request.headers().forEach(header -> UpstreamSupport.requireValidHeader(header.getKey(), header.getValue()));
        UpstreamAttempt attempt = new UpstreamAttempt(this, thread, buffers, request, origin(request.uri()), connect,
                listener);
        attempt.begin();
        return attempt;
    }

    private String origin(URI uri) {
        String known = origins.get(uri);
        if (known == null) {
            known = UpstreamSupport.origin(uri);
            if (origins.size() < MAX_KNOWN_ORIGINS) {
                origins.put(uri, known);
            }
        }
        return known;
    }

    /** An idle open connection to {@code origin} owned by {@code thread}, or null. Call on that thread. */
    ClientConnection poll(XnioIoThread thread, String origin) {
        Map<String, ArrayDeque<ClientConnection>> byOrigin = idle.get(thread);
        ArrayDeque<ClientConnection> connections = byOrigin == null ? null : byOrigin.get(origin);
        if (connections == null) {
            return null;
        }
        ClientConnection connection;
        while ((connection = connections.pollFirst()) != null) {
            if (connection.isOpen()) {
                return connection;
            }
            IoUtils.safeClose(connection);
        }
        return null;
    }

    /** Takes back a connection whose exchange is complete, on its own IO thread. */
    void release(String origin, ClientConnection connection) {
        if (closed || !connection.isOpen()) {
            IoUtils.safeClose(connection);
            return;
        }
        ArrayDeque<ClientConnection> connections = idle
                .computeIfAbsent(connection.getIoThread(), thread -> new HashMap<>())
                .computeIfAbsent(origin, o -> new ArrayDeque<>());
        if (connections.size() >= MAX_IDLE_PER_ORIGIN) {
            IoUtils.safeClose(connection);
            return;
        }
        connections.addFirst(connection);
    }

    /** Opens a new connection on {@code thread}. */
    void connect(XnioIoThread thread, URI uri, ByteBufferPool buffers, ClientCallback<ClientConnection> callback) {
        if (closed) {
            callback.failed(new IOException("upstream client closed"));
            return;
        }
        try {
            client.connect(callback, uri, thread, "https".equalsIgnoreCase(uri.getScheme()) ? ssl() : null, buffers,
                    OPTIONS);
        } catch (RuntimeException e) {
            callback.failed(new IOException(e.getClass().getSimpleName() + ": " + e.getMessage(), e));
        }
    }

    private XnioSsl ssl() {
        XnioSsl current = ssl;
        if (current == null) {
            synchronized (this) {
                current = ssl;
                if (current == null) {
                    try {
                        current = new UndertowXnioSsl(Xnio.getInstance(IoThreadClient.class.getClassLoader()),
                                OptionMap.EMPTY, SSLContext.getDefault());
                    } catch (NoSuchAlgorithmException e) {
                        throw new IllegalStateException("no default TLS context", e);
                    }
                    ssl = current;
                }
            }
        }
        return current;
    }

    /** Closes the idle connections (on their threads); connections in use are closed when released. */
    @Override
    public void close() {
        closed = true;
        idle.forEach((thread, byOrigin) -> {
            Runnable closeAll = () -> {
                byOrigin.values().forEach(connections -> connections.forEach(IoUtils::safeClose));
                byOrigin.clear();
            };
            try {
                thread.execute(closeAll);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                closeAll.run();
            }
        });
    }
}
