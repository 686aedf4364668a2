package dev.anyclaude.core.dashboard;

import dev.anyclaude.api.JsonCodec;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Serves the dashboard in front of the proxy's other handlers: {@code GET /dashboard/} (a static page, its script
 * and style, from the class path) and {@code GET /dashboard/api/state} (the {@link DashboardState} the page polls).
 * Everything else goes to {@code next}. When the proxy has a token, the state needs it in
 * {@code x-anyclaude-token} (the page takes it from its address: {@code /dashboard/#token=...}, which never
 * leaves the browser); the static files hold nothing and need none.
 */
public final class DashboardHandler implements HttpHandler {
    static final String PREFIX = "/dashboard";
    private static final HttpString TOKEN = HttpString.tryFromString("x-anyclaude-token");
    private static final Map<String, Asset> ASSETS = Map.of(
            "/", Asset.load("index.html", "text/html; charset=utf-8"),
            "/dashboard.js", Asset.load("dashboard.js", "text/javascript; charset=utf-8"),
            "/dashboard.css", Asset.load("dashboard.css", "text/css; charset=utf-8"));

    private final HttpHandler next;
    private final Supplier<Map<String, Object>> state;
    private final JsonCodec json;
    private final Executor workers;
    private final Optional<byte[]> token;

    public DashboardHandler(HttpHandler next, Supplier<Map<String, Object>> state, JsonCodec json, Executor workers,
                            Optional<String> token) {
        this.next = next;
        this.state = state;
        this.json = json;
        this.workers = workers;
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            next.handleRequest(exchange);
            return;
        }
        if (!exchange.getRequestMethod().equals(Methods.GET)) {
            exchange.setStatusCode(405);
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET");
            exchange.endExchange();
            return;
        }
        String rest = path.substring(PREFIX.length());
        if (rest.isEmpty()) {
            exchange.setStatusCode(308);
            exchange.getResponseHeaders().put(Headers.LOCATION, PREFIX + "/");
            exchange.endExchange();
            return;
        }
        if (rest.equals("/api/state")) {
            state(exchange);
            return;
        }
        Asset asset = ASSETS.get(rest);
        if (asset == null) {
            exchange.setStatusCode(404);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
            exchange.getResponseSender().send("no such dashboard file: " + rest);
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, asset.type());
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        exchange.getResponseHeaders().put(HttpString.tryFromString("Content-Security-Policy"),
                "default-src 'self'; connect-src 'self'; img-src 'self' data:");
        exchange.getResponseSender().send(ByteBuffer.wrap(asset.bytes()));
    }

    private void state(HttpServerExchange exchange) {
        if (token.isPresent()) {
            String presented = exchange.getRequestHeaders().getFirst(TOKEN);
            if (presented == null || !MessageDigest.isEqual(token.get(), presented.getBytes(StandardCharsets.UTF_8))) {
                exchange.setStatusCode(401);
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                exchange.getResponseSender().send("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                        + "\"message\":\"this proxy has a token: open the dashboard as /dashboard/#token=TOKEN, or send "
                        + "x-anyclaude-token\"}}");
                return;
            }
        }
        if (exchange.isInIoThread()) {
            // Backends' health() may take a moment: never on the IO thread.
            exchange.dispatch(workers, () -> state(exchange));
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(ByteBuffer.wrap(json.write(state.get())));
    }

    private record Asset(byte[] bytes, String type) {
        static Asset load(String name, String type) {
            try (InputStream in = DashboardHandler.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("dashboard file " + name + " is missing from the class path");
                }
                return new Asset(in.readAllBytes(), type);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
