package dev.anyclaude.core.plugins;

import dev.anyclaude.api.Metrics;
import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.api.http.UpstreamRequest;
import dev.anyclaude.api.http.UpstreamResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * Times how long plugins wait for upstream headers ({@code anyclaude.upstream.wait}), so the proxy's own time per
 * request can be told apart from the upstream's.
 */
public final class MeteredUpstreamClient implements dev.anyclaude.core.http.ConnectTimeouts.Capable, AutoCloseable {
    private final UpstreamClient delegate;
    private final Metrics.Timer wait;

    public MeteredUpstreamClient(UpstreamClient delegate, Metrics metrics) {
        this.delegate = delegate;
        this.wait = metrics.timer("anyclaude.upstream.wait");
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) throws IOException {
        return send(request, null);
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request, Duration connect) throws IOException {
        long start = System.nanoTime();
        try {
            return connect == null ? delegate.send(request)
                    : dev.anyclaude.core.http.ConnectTimeouts.send(delegate, request, connect);
        } finally {
            wait.record(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    @Override
    public void close() throws Exception {
        if (delegate instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
