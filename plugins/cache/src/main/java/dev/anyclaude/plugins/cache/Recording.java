package dev.anyclaude.plugins.cache;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes of one answer as they pass to the client, bounded, and the one decision at the end: the answer
 * completed (offer it to be stored) or it did not (an error, a cut stream, a client that left, too large).
 * Exactly one of the two callbacks runs, once. Used by one reading thread; {@link #abort()} may come from another.
 */
final class Recording {
    private static final Logger LOG = LoggerFactory.getLogger(Recording.class);

    /** Where a recording ends up. */
    interface Outcome {
        /** The answer passed whole; {@code bytes} are all of it. Must not throw. */
        void completed(byte[] bytes);

        /** The answer did not pass whole; nothing is stored. */
        void abandoned();
    }

    private final long limit;
    private final Outcome outcome;
    private final AtomicBoolean decided = new AtomicBoolean();
    private ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);

    Recording(long limit, Outcome outcome) {
        this.limit = limit;
        this.outcome = outcome;
    }

    /** Adds what just passed; past the limit the recording is dropped and will be abandoned. */
    void add(byte[] buffer, int offset, int length) {
        ByteArrayOutputStream current = bytes;
        if (current == null) {
            return;
        }
        if (current.size() + (long) length > limit) {
            bytes = null;
            return;
        }
        current.write(buffer, offset, length);
    }

    /** Adds what just passed, from the buffer's position to its limit (the buffer's position moves). */
    void add(java.nio.ByteBuffer buffer) {
        if (buffer.hasArray()) {
            add(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        } else {
            byte[] copy = new byte[buffer.remaining()];
            buffer.get(copy);
            add(copy, 0, copy.length);
        }
    }

    /** The answer ended well: hands the bytes on, unless it grew past the limit. */
    void complete() {
        if (decided.compareAndSet(false, true)) {
            ByteArrayOutputStream recorded = bytes;
            bytes = null;
            if (recorded == null) {
                outcome.abandoned();
                return;
            }
            try {
                outcome.completed(recorded.toByteArray());
            } catch (RuntimeException e) {
                LOG.warn("cache: an answer could not be stored: {}", e.toString());
            }
        }
    }

    /** The answer did not end well (or nobody will read the rest); idempotent, a no-op after completion. */
    void abort() {
        if (decided.compareAndSet(false, true)) {
            bytes = null;
            outcome.abandoned();
        }
    }
}
