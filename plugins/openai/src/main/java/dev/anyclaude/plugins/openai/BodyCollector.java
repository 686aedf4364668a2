package dev.anyclaude.plugins.openai;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Collects an answer's body from the pieces an IO thread hands over, up to a limit. Not thread-safe. */
final class BodyCollector {
    private final int limit;
    private byte[] bytes;
    private int length;

    /**
     * @param expected the expected length (from {@code content-length}), or -1 when unknown
     * @param limit    the most to keep; the rest is ignored
     */
    BodyCollector(long expected, int limit) {
        this.limit = limit;
        // A content-length is only a hint: a large one must not allocate before the bytes are there.
        this.bytes = new byte[(int) Math.min(limit, expected >= 0 ? Math.clamp(expected, 16, 1 << 20) : 1024)];
    }

    /** Keeps what fits under the limit of these bytes (the buffer's position moves past what was kept). */
    void add(ByteBuffer more) {
        int count = Math.min(more.remaining(), limit - length);
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max((long) length + count, bytes.length * 2L)));
        }
        more.get(bytes, length, count);
        length += count;
    }

    /** True when the limit is reached. */
    boolean full() {
        return length == limit;
    }

    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** A copy of exactly what was collected. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }
}
