package dev.anyclaude.core.server;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import java.util.Objects;

/** The Undertow listener: binds, serves the handler tree, reports its URL, stops. */
public final class ProxyServer implements AutoCloseable {
    private final String host;
    private final int requestedPort;
    private final long maxBodyBytes;
    private final HttpHandler root;
    private final io.undertow.server.handlers.GracefulShutdownHandler graceful;
    private Undertow undertow;
    private int port;

    private final int maxHeaderBytes;

    public ProxyServer(String host, int port, long maxBodyBytes, HttpHandler root) {
        this(host, port, maxBodyBytes, dev.anyclaude.core.config.ProxyConfig.DEFAULT_MAX_HEADER_BYTES, root);
    }

    /** A listener that answers requests whose line and headers exceed {@code maxHeaderBytes} with 431. */
    public ProxyServer(String host, int port, long maxBodyBytes, int maxHeaderBytes, HttpHandler root) {
        this.host = Objects.requireNonNull(host);
        this.requestedPort = port;
        this.maxBodyBytes = maxBodyBytes;
        this.maxHeaderBytes = maxHeaderBytes;
        this.root = Objects.requireNonNull(root);
        this.graceful = new io.undertow.server.handlers.GracefulShutdownHandler(new HeaderLimit(maxHeaderBytes, root));
    }

    /** Binds and starts serving. */
    public void start() {
        undertow = Undertow.builder()
                .addHttpListener(requestedPort, host)
                .setIoThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, maxBodyBytes * BodyReader.DRAIN_FACTOR)
                .setServerOption(UndertowOptions.ALWAYS_SET_DATE, false)
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, HeaderLimit.hardLimit(maxHeaderBytes))
                .setByteBufferPool(bufferPool())
                .setHandler(graceful)
                .build();
        undertow.start();
        port = ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
    }

    /**
     * Undertow's buffer pool without per-thread caches: a call on the blocking path writes from a virtual thread of
     * its own, and a buffer cached by a thread that then ends is only reclaimed by finalization, so under load the
     * direct memory ran out (one 16 KiB buffer parked per finished call). The IO threads lose little: the shared
     * queue is lock-free and keeps up to 1,024 buffers (16 MiB) for reuse.
     */
    static io.undertow.server.DefaultByteBufferPool bufferPool() {
        return new io.undertow.server.DefaultByteBufferPool(true, 16 * 1024 - 20, 1024, 0);
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return port;
    }

    /** {@code http://host:port}. */
    public String url() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port;
    }

    /** Stops accepting requests, lets those in flight finish for up to {@code deadline}, then stops. */
    public void close(java.time.Duration deadline) {
        if (undertow == null) {
            return;
        }
        graceful.shutdown();
        try {
            if (!graceful.awaitShutdown(deadline.toMillis())) {
                org.slf4j.LoggerFactory.getLogger(ProxyServer.class).warn(
                        "requests still in flight after {} s; stopping anyway", deadline.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        undertow.stop();
        undertow = null;
    }

    /** Stops at once; requests in flight are cut. */
    @Override
    public void close() {
        close(java.time.Duration.ZERO);
    }
}
