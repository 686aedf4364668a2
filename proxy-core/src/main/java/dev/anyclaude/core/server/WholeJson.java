package dev.anyclaude.core.server;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.Usage;
import dev.anyclaude.core.json.AnswerUsage;
import io.undertow.server.HttpServerExchange;
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
        GrowableBytes body;
        try {
            body = readAll(raw, writer.buffers());
        } catch (IOException e) {
            writer.errors().send(exchange, readFailure(call, e, e.getMessage()), call.id());
            return null;
        }
        // One pass both checks the body and finds its usage.
        AnswerUsage checked = jsonObject(writer.mapper(), body.array(), body.size());
        if (checked == null) {
            writer.errors().send(exchange, notAnObject(call, raw.status()), call.id());
            return null;
        }
        ClientDisconnect.stopWatching(exchange);
        writer.copyHead(exchange, call, raw);
        body.writeTo(exchange.getOutputStream());
        return checked.usage();
    }


    /**
     * The error for a whole answer that could not be read to its end: a timeout is a 504 with {@code timeoutMessage},
     * anything else a 502 saying the backend broke off.
     */
    static AnthropicException readFailure(Call call, IOException e, String timeoutMessage) {
        return e instanceof java.net.SocketTimeoutException
                ? new AnthropicException(ErrorType.TIMEOUT, 504, timeoutMessage, e)
                : new AnthropicException(ErrorType.API, 502, ReplyWriter.brokeOff(call, e.getMessage()), e);
    }

    /** The error for a whole JSON answer that {@link #jsonObject} found not to be a JSON object. */
    static AnthropicException notAnObject(Call call, int status) {
        return new AnthropicException(ErrorType.API, 502, "backend '" + call.backend() + "' answered " + status
                + " with a body that is not a JSON object", null);
    }

    /** An answer over {@link #LIMIT}: not held whole. */
    static IOException tooLarge() {
        return new IOException("the answer is larger than " + LIMIT + " bytes");
    }

    /**
     * Checks in one pass, without building a tree, that the body is a JSON object, and reads its top-level
     * {@code usage}: null when it is not an object (or not JSON at all).
     */
    static AnswerUsage jsonObject(com.fasterxml.jackson.databind.ObjectMapper mapper, byte[] bytes, int length) {
        return AnswerUsage.of(mapper.getFactory(), bytes, 0, length, null);
    }

    private static GrowableBytes readAll(Reply.Raw raw, RelayBuffers buffers) throws IOException {
        long announced = raw.headers().firstValueAsLong("content-length").orElse(8192);
        GrowableBytes out = new GrowableBytes((int) Math.min(Math.max(announced, 256), 1024 * 1024));
        InputStream in = raw.body();
        byte[] buffer = buffers.take();
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.add(buffer, 0, read);
                if (out.size() > LIMIT) {
                    throw tooLarge();
                }
            }
        } finally {
            buffers.giveBack(buffer);
        }
        return out;
    }
}
