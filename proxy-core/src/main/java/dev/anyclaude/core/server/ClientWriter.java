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
 * read is held per slow client. Between {@link #hold()} and {@link #letGo()} (one upstream read, or an answer
 * written at once) the pieces are gathered and leave together, with the end of the response when it ended
 * meanwhile: one system call where a stream's last frames and its last chunk would take two or more. Not
 * thread-safe: the exchange's IO thread only.
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
    private boolean holding;
    /** What was gathered while holding, in a buffer of the connection's pool. */
    private ByteBuffer held;
    private io.undertow.connector.PooledByteBuffer pooled;
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
        if (holding) {
            gather(bytes);
        } else {
            send(bytes, false);
        }
    }

    /** Writes {@code bytes}; with {@code last}, the response's end in the same system call and then the exchange's. */
    private void send(ByteBuffer bytes, boolean last) {
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
                if ((last ? sink.writeFinal(bytes) : sink.write(bytes)) == 0) {
                    kept.add(copy(bytes));
                    waitForRoom();
                    return;
                }
            }
            if (last) {
                exchange.endExchange();
            } else if (!sink.flush()) {
                waitForRoom();
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    /** Ends the response once everything written has left. */
    void end() {
        ending = true;
        if (!holding && !waiting && !broken) {
            exchange.endExchange();
        }
    }

    /**
     * Ends the response short: what is held leaves first, as far as the socket takes it now (the head with it, when
     * nothing was sent yet), then the connection is closed, which no client takes for a whole answer.
     */
    void endShort() {
        ending = false;
        letGo();
        close();
    }

    /** Gathers what is written from now on until {@link #letGo()}. */
    void hold() {
        holding = true;
    }

    /**
     * Writes what was gathered since {@link #hold()} in one piece, and the end of the response with it when
     * {@link #end()} was called meanwhile.
     */
    void letGo() {
        if (!holding) {
            return;
        }
        holding = false;
        ByteBuffer out = held == null ? null : held.flip();
        held = null;
        try {
            if (out == null || !out.hasRemaining() || broken) {
                if (ending) {
                    end();
                }
                return;
            }
            send(out, ending);
        } finally {
            if (pooled != null) {
                pooled.close();
                pooled = null;
            }
        }
    }

    /**
     * Adds {@code bytes} to what is held. A full buffer leaves at once: a round of reads from a fast upstream (a big
     * answer on loopback) never piles up more than one buffer here, and a slow client's backpressure
     * ({@code pause}) stops the reads within the round.
     */
    private void gather(ByteBuffer bytes) {
        if (held == null) {
            pooled = exchange.getConnection().getByteBufferPool().allocate();
            held = pooled.getBuffer().clear();
        }
        if (held.remaining() < bytes.remaining()) {
            if (held.position() > 0) {
                send(held.flip(), false);
                held.clear();
            }
            if (held.remaining() < bytes.remaining()) {
                if (!broken) {
                    send(bytes, false);
                }
                return;
            }
        }
        held.put(bytes);
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
        close();
        failed.accept(e);
    }

    /** Nothing more reaches the client: the connection is closed. */
    private void close() {
        broken = true;
        kept.clear();
        org.xnio.IoUtils.safeClose(exchange.getConnection());
    }

    private static ByteBuffer copy(ByteBuffer bytes) {
        ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
        copy.put(bytes).flip();
        return copy;
    }
}
