package dev.anyclaude.core.http;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import org.xnio.ChannelListener;
import org.xnio.channels.StreamSourceChannel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A response body read by an XNIO read listener on the connection's IO thread and handed to a blocking reader
 * through a bounded queue of chunks. Each {@code read} returns what has arrived (at least one byte), blocks while
 * nothing has, returns -1 at the end and throws after a failure, once the chunks before it were read.
 *
 * <p>Backpressure: when {@link #MAX_QUEUED_CHUNKS} chunks wait, the listener suspends reads on the channel; the
 * reader resumes them on the IO thread once it has drained half. At most about
 * {@code MAX_QUEUED_CHUNKS × buffer size} bytes are held per response.
 *
 * <p>Exactly one of {@code onComplete} (read to the end, or closed with nothing left to read) and {@code onAbort}
 * (closed early, or the read failed) runs, once.
 */
final class UndertowResponseBody extends InputStream implements ChannelListener<StreamSourceChannel> {

    /** Chunks held before reads are suspended; chunks are at most one pooled buffer (16 KiB) each. */
    static final int MAX_QUEUED_CHUNKS = 64;

    private final StreamSourceChannel channel;
    private final ByteBufferPool buffers;
    private final Runnable onComplete;
    private final Runnable onAbort;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private byte[] current;
    private int position;
    private boolean ended;
    private IOException failure;
    private boolean closed;
    private boolean finished;
    private boolean suspended;
    private int suspensions;
    private final BreakDuringRead breakDuringRead = new BreakDuringRead();

    private long idleNanos = Long.MAX_VALUE;

    /** Sets how long a read may wait for the next bytes before it fails with a timeout. */
    UndertowResponseBody idleTimeout(java.time.Duration idle) {
        this.idleNanos = idle.toNanos();
        return this;
    }

    UndertowResponseBody(StreamSourceChannel channel, ByteBufferPool buffers, Runnable onComplete, Runnable onAbort) {
        this.channel = channel;
        this.buffers = buffers;
        this.onComplete = onComplete;
        this.onAbort = onAbort;
    }

    /** Starts reading; call on the channel's IO thread. */
    void start() {
        channel.getReadSetter().set(this);
        handleEvent(channel);
    }

    /** Reads what the channel has, on its IO thread, until it has nothing more, ends or the queue is full. */
    @Override
    public void handleEvent(StreamSourceChannel source) {
        PooledByteBuffer pooled = null;
        try {
            while (true) {
                if (!hasRoom()) {
                    source.suspendReads();
                    return;
                }
                if (pooled == null) {
                    pooled = buffers.allocate();
                }
                ByteBuffer buffer = pooled.getBuffer();
                buffer.clear();
                int read = -1;
                IOException thrown = null;
                IOException broke;
                breakDuringRead.start();
                try {
                    read = source.read(buffer);
                } catch (IOException e) {
                    thrown = e;
                } finally {
                    broke = breakDuringRead.end(thrown);
                }
                if (buffer.position() > 0) { // what a read that met the break decoded is part of the body
                    buffer.flip();
                    byte[] chunk = new byte[buffer.remaining()];
                    buffer.get(chunk);
                    offer(chunk);
                }
                if (broke != null) {
                    source.suspendReads();
                    fail(broke);
                    return;
                }
                if (read == 0) {
                    source.resumeReads();
                    return;
                }
                if (read == -1) {
                    source.suspendReads();
                    end(null);
                    return;
                }
            }
        } catch (RuntimeException e) {
            source.suspendReads();
            fail(new IOException("reading the response body failed", e));
        } finally {
            if (pooled != null) {
                pooled.close();
            }
        }
    }

    /**
     * Ends the body with a failure (reset, connection closed) unless it already ended; the connection is dropped.
     * Told from inside a read of this body (the connection broke under it), it waits for that read to hand on the
     * bytes it decoded first.
     */
    void fail(IOException cause) {
        if (breakDuringRead.keep(cause)) {
            return;
        }
        if (end(cause) && markFinished()) {
            onAbort.run();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        int result = -1;
        boolean resume = false;
        boolean complete = false;
        boolean idleTimedOut = false;
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new IOException("response body closed");
                }
                if (current != null) {
                    result = Math.min(length, current.length - position);
                    System.arraycopy(current, position, target, offset, result);
                    position += result;
                    if (position == current.length) {
                        current = null;
                    }
                    break;
                }
                current = chunks.pollFirst();
                position = 0;
                if (current != null) {
                    if (suspended && chunks.size() <= MAX_QUEUED_CHUNKS / 2) {
                        suspended = false;
                        resume = true;
                    }
                    continue;
                }
                if (failure != null) {
                    throw new IOException("upstream response body failed: " + failure.getClass().getSimpleName(),
                            failure);
                }
                if (ended) {
                    complete = markFinishedLocked();
                    result = -1;
                    break;
                }
                if (changed.awaitNanos(idleNanos) <= 0 && chunks.isEmpty() && !ended && failure == null) {
                    idleTimedOut = true;
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the response body");
        } finally {
            lock.unlock();
        }
        if (idleTimedOut) {
            close();
            throw new java.net.SocketTimeoutException("the upstream sent nothing for "
                    + java.time.Duration.ofNanos(idleNanos).toMillis() + " ms");
        }
        if (resume) {
            resumeOnIoThread();
        }
        if (complete) {
            onComplete.run();
        }
        return result;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return current == null ? 0 : current.length - position;
        } finally {
            lock.unlock();
        }
    }

    /** Before the end this drops the connection, which cancels the upstream request; idempotent. */
    @Override
    public void close() {
        boolean complete;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            boolean drained = ended && failure == null && current == null && chunks.isEmpty();
            if (!markFinishedLocked()) {
                return;
            }
            complete = drained;
            current = null;
            chunks.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (complete) {
            onComplete.run();
        } else {
            onAbort.run();
        }
    }

    /** How often the reader fell so far behind that reads were suspended; for tests. */
    int suspensions() {
        lock.lock();
        try {
            return suspensions;
        } finally {
            lock.unlock();
        }
    }

    private boolean hasRoom() {
        lock.lock();
        try {
            if (closed || ended) {
                return false;
            }
            if (chunks.size() >= MAX_QUEUED_CHUNKS) {
                suspended = true;
                suspensions++;
                return false;
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void offer(byte[] chunk) {
        lock.lock();
        try {
            if (!closed) {
                chunks.addLast(chunk);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean end(IOException cause) {
        lock.lock();
        try {
            if (ended) {
                return false;
            }
            ended = true;
            failure = cause;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean markFinished() {
        lock.lock();
        try {
            return markFinishedLocked();
        } finally {
            lock.unlock();
        }
    }

    private boolean markFinishedLocked() {
        if (finished) {
            return false;
        }
        finished = true;
        return true;
    }

    /** The reader drained the queue: read again on the IO thread, which resumes reads when it waits for data. */
    private void resumeOnIoThread() {
        try {
            channel.getIoThread().execute(() -> handleEvent(channel));
        } catch (RejectedExecutionException e) {
            fail(new IOException("client closed", e));
        }
    }
}
