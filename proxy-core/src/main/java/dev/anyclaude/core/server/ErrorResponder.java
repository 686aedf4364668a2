package dev.anyclaude.core.server;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.JsonCodec;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders an {@link AnthropicException} as the Anthropic error body with its status. */
final class ErrorResponder {
    private final JsonCodec json;

    ErrorResponder(JsonCodec json) {
        this.json = json;
    }

    /** {@code {"type":"error","error":{"type","message"},"request_id"}} as bytes. */
    byte[] body(AnthropicException error, String requestId) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("type", error.type().wireName());
        inner.put("message", error.getMessage());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "error");
        body.put("error", inner);
        body.put("request_id", requestId);
        return json.write(body);
    }

    /** Answers the exchange with the error; the exchange must not have started its response. */
    void send(HttpServerExchange exchange, AnthropicException error, String requestId) {
        ClientDisconnect.stopWatching(exchange);
        exchange.setStatusCode(error.status());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        if (requestId != null) {
            exchange.getResponseHeaders().put(RequestIds.HEADER, requestId);
        }
        byte[] bytes = body(error, requestId);
        if (exchange.isBlocking()) {
            try {
                exchange.getOutputStream().write(bytes);
                exchange.endExchange();
            } catch (java.io.IOException e) {
                // The client is gone; there is nobody left to tell.
                exchange.endExchange();
            }
        } else {
            exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
        }
    }
}
