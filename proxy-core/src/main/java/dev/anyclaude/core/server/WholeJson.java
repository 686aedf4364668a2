package dev.anyclaude.core.server;

import com.fasterxml.jackson.databind.JsonNode;
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
    static final int LIMIT = 256 * 1024 * 1024;

    private WholeJson() {
    }

    static Usage relay(HttpServerExchange exchange, Call call, Reply.Raw raw, ReplyWriter writer) throws IOException {
        Body body;
        try {
            body = readAll(raw, writer.buffers());
        } catch (IOException e) {
            AnthropicException error = e instanceof java.net.SocketTimeoutException
                    ? new AnthropicException(ErrorType.TIMEOUT, 504, e.getMessage(), e)
                    : new AnthropicException(ErrorType.API, 502, "backend '" + call.backend()
                    + "' stopped in the middle of the answer: " + e.getMessage(), e);
            writer.errors().send(exchange, error, call.id());
            return null;
        }
        // One parse both checks the body and finds its usage.
        JsonNode root = jsonObject(writer, body);
        if (root == null) {
            writer.errors().send(exchange, new AnthropicException(ErrorType.API, 502, "backend '" + call.backend()
                    + "' answered " + raw.status() + " with a body that is not a JSON object", null), call.id());
            return null;
        }
        ClientDisconnect.stopWatching(exchange);
        writer.copyHead(exchange, call, raw);
        body.writeTo(exchange.getOutputStream());
        return UsageSniffer.usageIn(root, null);
    }

    private static JsonNode jsonObject(ReplyWriter writer, Body body) {
        return jsonObject(writer.mapper(), body.array(), body.size());
    }

    /** The body parsed, when it is a JSON object; null otherwise. */
    static JsonNode jsonObject(com.fasterxml.jackson.databind.ObjectMapper mapper, byte[] bytes, int length) {
        try {
            JsonNode root = mapper.readTree(bytes, 0, length);
            return root instanceof com.fasterxml.jackson.databind.node.ObjectNode ? root : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Body readAll(Reply.Raw raw, RelayBuffers buffers) throws IOException {
        long announced = raw.headers().firstValueAsLong("content-length").orElse(8192);
        Body out = new Body((int) Math.min(Math.max(announced, 256), 1024 * 1024));
        InputStream in = raw.body();
        byte[] buffer = buffers.take();
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                if (out.size() > LIMIT) {
                    throw new IOException("the answer is larger than " + LIMIT + " bytes");
                }
            }
        } finally {
            buffers.giveBack(buffer);
        }
        return out;
    }

    /** The body as read, parsed and written from its own array without a copy. */
    private static final class Body extends ByteArrayOutputStream {
        Body(int size) {
            super(size);
        }

        byte[] array() {
            return buf;
        }
    }
}
