package dev.anyclaude.core.server;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.xnio.ChannelListener;
import org.xnio.channels.StreamSinkChannel;

/**
 * Writes an answer to the client on the IO thread without blocking, flushing each piece so it leaves at once. What
 * the socket cannot take now is copied and kept; the writer then asks the upstream side to pause
 * ({@code pause}) and lets it go on ({@code goOn}) once everything kept has left, so at most about one upstream
 * read is held per slow client. Not thread-safe: the exchange's IO thread only.
 */
final class ClientWriter implements ChannelListener<StreamSinkChannel> {
    private final HttpServerExchange exchange;
    private final Runnable pause;
    private final Runnable goOn;
    private final java.util.function.Consumer<IOException> failed;
    private final ArrayDeque<ByteBuffer> kept = new ArrayDeque<>();
    private StreamSinkChannel channel;
    private boolean waiting;
    private boolean ending;
    private boolean broken;
    private long firstByteNanos;

    /**
     * @param pause  stops upstream reads until {@code goOn}
     * @param goOn   resumes them
     * @param failed the client cannot be written to any more (gone)
     */
    ClientWriter(HttpServerExchange exchange, Runnable pause, Runnable goOn,
                 java.util.function.Consumer<IOException> failed) {
        this.exchange = exchange;
        this.pause = pause;
        this.goOn = goOn;
        this.failed = failed;
    }

    /** Writes and flushes {@code bytes} (from position to limit); they may be reused once this returns. */
    void write(ByteBuffer bytes) {
        if (broken || !bytes.hasRemaining()) {
            return;
        }
        if (firstByteNanos == 0) {
            firstByteNanos = System.nanoTime();
        }
        StreamSinkChannel sink = channel();
        if (waiting) {
            kept.add(copy(bytes));
            return;
        }
        try {
            while (bytes.hasRemaining()) {
                if (sink.write(bytes) == 0) {
                    kept.add(copy(bytes));
                    waitForRoom();
                    return;
                }
            }
            if (!sink.flush()) {
                waitForRoom();
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    /** Ends the response once everything written has left. */
    void end() {
        ending = true;
        if (!waiting && !broken) {
            exchange.endExchange();
        }
    }

    /** When the first byte was handed to the socket ({@link System#nanoTime()}), or 0. */
    long firstByteNanos() {
        return firstByteNanos;
    }

    /** True once nothing more can reach the client. */
    boolean isBroken() {
        return broken;
    }

    /** The socket has room again: write what was kept, then let the upstream go on. */
    @Override
    public void handleEvent(StreamSinkChannel sink) {
        try {
            while (!kept.isEmpty()) {
                ByteBuffer next = kept.peekFirst();
                while (next.hasRemaining()) {
                    if (sink.write(next) == 0) {
                        return;
                    }
                }
                kept.pollFirst();
            }
            if (!sink.flush()) {
                return;
            }
            sink.suspendWrites();
            waiting = false;
            if (ending) {
                exchange.endExchange();
            } else {
                goOn.run();
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    private void waitForRoom() {
        waiting = true;
        pause.run();
        channel.getWriteSetter().set(this);
        channel.resumeWrites();
    }

    private StreamSinkChannel channel() {
        if (channel == null) {
            channel = exchange.getResponseChannel();
        }
        return channel;
    }

    private void fail(IOException e) {
        broken = true;
        kept.clear();
        org.xnio.IoUtils.safeClose(exchange.getConnection());
        failed.accept(e);
    }

    private static ByteBuffer copy(ByteBuffer bytes) {
        ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
        copy.put(bytes).flip();
        return copy;
    }
}
