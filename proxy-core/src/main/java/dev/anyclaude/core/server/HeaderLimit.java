package dev.anyclaude.core.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Answers a request whose line and headers are larger than {@code server.maxHeaderBytes} with 431 and an Anthropic
 * {@code request_too_large} error, and closes its connection. Undertow itself drops, without an answer, a
 * connection whose head grows past {@link #hardLimit(int)}, so this limit is the one clients normally meet.
 */
final class HeaderLimit implements HttpHandler {
    private final int maxHeaderBytes;
    private final HttpHandler next;

    HeaderLimit(int maxHeaderBytes, HttpHandler next) {
        this.maxHeaderBytes = maxHeaderBytes;
        this.next = next;
    }

    /** Undertow's own limit: room for twice ours plus one read buffer of body bytes read along with the head. */
    static int hardLimit(int maxHeaderBytes) {
        return (int) Math.min(Integer.MAX_VALUE, 2L * maxHeaderBytes + 16 * 1024);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long size = exchange.getRequestMethod().length() + exchange.getRequestURI().length()
                + exchange.getQueryString().length() + exchange.getProtocol().length() + 4;
        HeaderMap headers = exchange.getRequestHeaders();
        // Undertow's cursor iteration: no iterator objects for a check that runs on every request.
        for (long cursor = headers.fastIterateNonEmpty(); cursor != -1L; cursor = headers.fiNextNonEmpty(cursor)) {
            HeaderValues values = headers.fiCurrent(cursor);
            int name = values.getHeaderName().length();
            for (int i = 0; i < values.size(); i++) {
                size += name + values.get(i).length() + 4;
            }
        }
        if (size <= maxHeaderBytes) {
            next.handleRequest(exchange);
            return;
        }
        exchange.setPersistent(false);
        exchange.setStatusCode(431);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(ByteBuffer.wrap(("{\"type\":\"error\",\"error\":{\"type\":\"request_too_large\","
                + "\"message\":\"the request line and headers are larger than the limit of " + maxHeaderBytes
                + " bytes (server.maxHeaderBytes)\"}}").getBytes(StandardCharsets.UTF_8)));
    }
}
