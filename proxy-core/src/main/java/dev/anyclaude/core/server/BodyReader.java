package dev.anyclaude.core.server;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import io.undertow.server.HttpServerExchange;
import java.io.ByteArrayOutputStream;
import java.util.function.BiConsumer;

/**
 * Reads a request body on the IO thread without blocking, bounded by the size limit.
 *
 * <p>A body over the limit is not kept: the rest is read and dropped, then the client gets its 413, so the answer
 * is not lost to a connection reset and the connection stays usable. Only a body announced as far over the limit
 * (more than {@link #DRAIN_FACTOR} times) is refused at once, and its connection closed.
 */
final class BodyReader {
    /** How much more than the limit is read and dropped to answer a too-large body cleanly. */
    static final int DRAIN_FACTOR = 8;

    private final long maxBodyBytes;

    BodyReader(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The largest body the connection will carry at all (the server's entity size option). */
    long drainLimit() {
        return maxBodyBytes * DRAIN_FACTOR;
    }

    /**
     * Reads the body, then calls exactly one of the callbacks, on an IO thread.
     *
     * @param onBody  the whole body
     * @param onError a 413 {@code request_too_large}, or a 400 when the body could not be read
     */
    void read(HttpServerExchange exchange, BiConsumer<HttpServerExchange, byte[]> onBody,
              BiConsumer<HttpServerExchange, AnthropicException> onError) {
        long announced = exchange.getRequestContentLength();
        if (announced > drainLimit()) {
            exchange.setPersistent(false);
            onError.accept(exchange, tooLarge());
            return;
        }
        exchange.setMaxEntitySize(drainLimit());
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(
                (int) Math.min(Math.max(announced, 256), maxBodyBytes));
        long[] total = {0};
        exchange.getRequestReceiver().receivePartialBytes((ex, data, last) -> {
            total[0] += data.length;
            if (total[0] <= maxBodyBytes) {
                buffer.write(data, 0, data.length);
            }
            if (last) {
                if (total[0] > maxBodyBytes) {
                    onError.accept(ex, tooLarge());
                } else {
                    onBody.accept(ex, buffer.toByteArray());
                }
            }
        }, (ex, failure) -> {
            ex.setPersistent(false);
            onError.accept(ex, failure instanceof io.undertow.server.RequestTooBigException ? tooLarge()
                    : AnthropicException.invalidRequest("the request body could not be read: " + failure.getMessage()));
        });
    }

    private AnthropicException tooLarge() {
        return AnthropicException.of(ErrorType.REQUEST_TOO_LARGE,
                "request body is larger than the limit of " + maxBodyBytes + " bytes (server.maxBodyBytes)");
    }
}
