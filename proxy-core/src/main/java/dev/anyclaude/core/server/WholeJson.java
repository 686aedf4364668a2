package dev.anyclaude.core.server;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.Usage;
import io.undertow.server.HttpServerExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A successful non-streaming JSON answer relayed whole: read to the end and checked to be JSON before its first
 * byte goes out, so that an upstream that breaks off or sends garbage gives the client an Anthropic error (502, or
 * 504 after a timeout) instead of a truncated "success". The client could not use half a JSON body anyway; streams
 * are never held like this.
 */
final class WholeJson {
    private static final int LIMIT = 256 * 1024 * 1024;

    private WholeJson() {
    }

    static Usage relay(HttpServerExchange exchange, Call call, Reply.Raw raw, ReplyWriter writer) throws IOException {
        byte[] body;
        try {
            body = readAll(raw.body());
        } catch (IOException e) {
            AnthropicException error = e instanceof java.net.SocketTimeoutException
                    ? new AnthropicException(ErrorType.TIMEOUT, 504, e.getMessage(), e)
                    : new AnthropicException(ErrorType.API, 502, "backend '" + call.backend()
                    + "' stopped in the middle of the answer: " + e.getMessage(), e);
            writer.errors().send(exchange, error, call.id());
            return null;
        }
        if (!isJsonObject(writer, body)) {
            writer.errors().send(exchange, new AnthropicException(ErrorType.API, 502, "backend '" + call.backend()
                    + "' answered " + raw.status() + " with a body that is not a JSON object", null), call.id());
            return null;
        }
        ClientDisconnect.stopWatching(exchange);
        writer.copyHead(exchange, call, raw);
        exchange.getOutputStream().write(body);
        UsageSniffer usage = new UsageSniffer(writer.mapper(), "application/json", null);
        usage.accept(body, body.length);
        return usage.usage();
    }

    private static boolean isJsonObject(ReplyWriter writer, byte[] body) {
        try {
            return writer.mapper().readTree(body) instanceof com.fasterxml.jackson.databind.node.ObjectNode;
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            out.write(buffer, 0, read);
            if (out.size() > LIMIT) {
                throw new IOException("the answer is larger than " + LIMIT + " bytes");
            }
        }
        return out.toByteArray();
    }
}
