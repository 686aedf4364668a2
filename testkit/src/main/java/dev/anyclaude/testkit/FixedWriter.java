package dev.anyclaude.testkit;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;

/** Writes a {@link FixedResponse} in one non-blocking send; safe on the IO thread. */
final class FixedWriter {

    private FixedWriter() {
    }

    static void write(HttpServerExchange exchange, FixedResponse response) {
        exchange.setStatusCode(response.status());
        HeaderMap out = exchange.getResponseHeaders();
        for (HeaderFields.Field field : response.headers().fields()) {
            out.add(HttpString.tryFromString(field.name()), field.value());
        }
        byte[] body = response.bodyUnsafe();
        if (!response.headers().contains("content-length") && !response.headers().contains("transfer-encoding")) {
            out.put(Headers.CONTENT_LENGTH, body.length);
        }
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }
}
