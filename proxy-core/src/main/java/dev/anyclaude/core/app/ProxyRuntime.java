package dev.anyclaude.core.app;

import dev.anyclaude.core.config.ProxyConfig;
import dev.anyclaude.core.plugins.BackendRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One generation of the proxy's configuration: its backends and the handler tree that routes to them. A reload
 * builds the next generation and retires this one, which closes its backends once its last request has finished.
 */
final class ProxyRuntime {
    private final ProxyConfig config;
    private final BackendRegistry backends;
    private final HttpHandler handler;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean retired = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private final HttpHandler root;

    private final java.util.List<dev.anyclaude.api.Middleware> middleware;

    ProxyRuntime(ProxyConfig config, BackendRegistry backends, java.util.List<dev.anyclaude.api.Middleware> middleware,
                 HttpHandler root) {
        this.config = config;
        this.backends = backends;
        this.middleware = middleware;
        this.root = root;
        this.handler = this::handle;
    }

    ProxyConfig config() {
        return config;
    }

    BackendRegistry backends() {
        return backends;
    }

    /** The handler tree, counting the requests it serves. */
    HttpHandler handler() {
        return handler;
    }

    void start() {
        backends.start();
    }

    /** No new requests come here any more: close the backends once the last one in flight is done. */
    void retire() {
        retired.set(true);
        if (inFlight.get() == 0) {
            close();
        }
    }

    /** Closes the backends now; idempotent. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            for (dev.anyclaude.api.Middleware each : middleware) {
                try {
                    each.close();
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(ProxyRuntime.class).warn("a middleware did not close cleanly", e);
                }
            }
            backends.close();
        }
    }

    private void handle(HttpServerExchange exchange) throws Exception {
        inFlight.incrementAndGet();
        exchange.addExchangeCompleteListener((ex, next) -> {
            try {
                next.proceed();
            } finally {
                if (inFlight.decrementAndGet() == 0 && retired.get()) {
                    close();
                }
            }
        });
        root.handleRequest(exchange);
    }
}
