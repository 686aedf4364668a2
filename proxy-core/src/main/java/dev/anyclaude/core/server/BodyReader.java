package dev.anyclaude.core.server;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.BiConsumer;
import org.xnio.ChannelListener;
import org.xnio.channels.StreamSourceChannel;

/**
 * Reads a request body on the IO thread without blocking, bounded by the size limit.
 *
 * <p>A body over the limit is not kept: the rest is read and dropped, then the client gets its 413, so the answer
 * is not lost to a connection reset and the connection stays usable. Only a body announced as far over the limit
 * (more than {@link #DRAIN_FACTOR} times) is refused at once, and its connection closed; so is one announced over
 * the limit by a client that waits for {@code 100 Continue}, which it gets before any other body is read.
 */
final class BodyReader {
    /** How much more than the limit is read and dropped to answer a too-large body cleanly. */
    static final int DRAIN_FACTOR = 8;
    /** The first array for a body sent without {@code content-length} (chunked). */
    private static final int UNANNOUNCED = 16 * 1024;

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
        boolean expectsContinue = HttpContinue.requiresContinueResponse(exchange);
        // Refused at once, the connection closed: a body announced far over the limit, or over it by a client that
        // waits for "100 Continue" (curl does for large bodies), which then never sends it.
        if (announced > drainLimit() || expectsContinue && announced > maxBodyBytes) {
            exchange.setPersistent(false);
            onError.accept(exchange, tooLarge());
            return;
        }
        exchange.setMaxEntitySize(drainLimit());
        Reading reading = new Reading(exchange, announced, onBody, onError);
        if (!expectsContinue) {
            reading.readAvailable(exchange.getRequestChannel());
            return;
        }
        HttpContinue.sendContinueResponse(exchange, new IoCallback() {
            @Override
            public void onComplete(HttpServerExchange ex, Sender sender) {
                reading.readAvailable(ex.getRequestChannel());
            }

            @Override
            public void onException(HttpServerExchange ex, Sender sender, IOException failure) {
                reading.failed(failure);
            }
        });
    }

    private AnthropicException tooLarge() {
        return AnthropicException.of(ErrorType.REQUEST_TOO_LARGE,
                "request body is larger than the limit of " + maxBodyBytes + " bytes (server.maxBodyBytes)");
    }

    /**
     * One body being read straight from the request channel into one array, sized from {@code content-length}:
     * a Claude Code turn is about 50 KB, and Undertow's receiver would hand it over in pieces, each a new array,
     * to be gathered and copied again. What goes past the limit is read into a pooled buffer and dropped.
     */
    private final class Reading implements ChannelListener<StreamSourceChannel> {
        private final HttpServerExchange exchange;
        private final BiConsumer<HttpServerExchange, byte[]> onBody;
        private final BiConsumer<HttpServerExchange, AnthropicException> onError;
        /** The body was announced over the limit: nothing of it is kept. */
        private final boolean dropping;
        private byte[] body;
        private int count;
        private long total;

        Reading(HttpServerExchange exchange, long announced, BiConsumer<HttpServerExchange, byte[]> onBody,
                BiConsumer<HttpServerExchange, AnthropicException> onError) {
            this.exchange = exchange;
            this.onBody = onBody;
            this.onError = onError;
            this.dropping = announced > maxBodyBytes;
            this.body = new byte[dropping ? 0 : (int) Math.min(announced >= 0 ? announced : UNANNOUNCED, maxBodyBytes)];
        }

        @Override
        public void handleEvent(StreamSourceChannel channel) {
            readAvailable(channel);
        }

        void readAvailable(StreamSourceChannel channel) {
            try {
                while (true) {
                    int read = dropping || total >= maxBodyBytes ? readDropped(channel) : readKept(channel);
                    if (read == -1) {
                        finished(channel);
                        return;
                    }
                    if (read == 0) {
                        channel.getReadSetter().set(this);
                        channel.resumeReads();
                        return;
                    }
                    total += read;
                }
            } catch (IOException failure) {
                channel.suspendReads();
                failed(failure);
            }
        }

        /** The body could not be read (or the {@code 100 Continue} not sent): the client gets its error. */
        void failed(IOException failure) {
            exchange.setPersistent(false);
            onError.accept(exchange, failure instanceof io.undertow.server.RequestTooBigException ? tooLarge()
                    : AnthropicException.invalidRequest("the request body could not be read: " + failure.getMessage()));
        }

        private int readKept(StreamSourceChannel channel) throws IOException {
            if (count < body.length) {
                int read = channel.read(ByteBuffer.wrap(body, count, body.length - count));
                if (read > 0) {
                    count += read;
                }
                return read;
            }
            // The array is full, as it is once a body of the announced length is in: the array grows only if more
            // comes, not to learn that the body has ended.
            try (PooledByteBuffer pooled = exchange.getConnection().getByteBufferPool().allocate()) {
                ByteBuffer more = pooled.getBuffer();
                int read = channel.read(more);
                if (read > 0 && count + (long) read <= maxBodyBytes) {
                    body = Arrays.copyOf(body, (int) Math.min(Math.max(body.length * 2L, count + (long) read), maxBodyBytes));
                    more.flip().get(body, count, read);
                    count += read;
                }
                return read;
            }
        }

        private int readDropped(StreamSourceChannel channel) throws IOException {
            try (PooledByteBuffer pooled = exchange.getConnection().getByteBufferPool().allocate()) {
                return channel.read(pooled.getBuffer());
            }
        }

        private void finished(StreamSourceChannel channel) {
            channel.getReadSetter().set(null);
            channel.suspendReads();
            if (total > maxBodyBytes) {
                onError.accept(exchange, tooLarge());
            } else {
                onBody.accept(exchange, count == body.length ? body : Arrays.copyOf(body, count));
            }
        }
    }
}
