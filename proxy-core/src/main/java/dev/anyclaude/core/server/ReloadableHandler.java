package dev.anyclaude.core.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Objects;

/**
 * The root handler whose delegate can be replaced while the server runs: a request enters the handler tree that
 * is current when it arrives and stays with it to the end, so a config reload never drops one in flight.
 */
public final class ReloadableHandler implements HttpHandler {
    private volatile HttpHandler delegate;

    public ReloadableHandler(HttpHandler initial) {
        this.delegate = Objects.requireNonNull(initial);
    }

    /** Sends new requests to {@code next} from now on. */
    public void set(HttpHandler next) {
        this.delegate = Objects.requireNonNull(next);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        delegate.handleRequest(exchange);
    }
}
