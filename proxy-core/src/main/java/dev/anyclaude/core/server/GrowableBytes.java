package dev.anyclaude.core.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Bytes collected in one array that grows, read in place: a whole answer, the line of a stream being read, the
 * frames of one upstream read. {@link java.io.ByteArrayOutputStream} does the same with a lock taken on every call,
 * three or four times for each line and frame of every relayed stream. Not thread-safe.
 */
final class GrowableBytes {
    private byte[] bytes;
    private int size;

    GrowableBytes(int capacity) {
        bytes = new byte[capacity];
    }

    void add(byte[] from, int offset, int length) {
        ensure(length);
        System.arraycopy(from, offset, bytes, size, length);
        size += length;
    }

    void add(ByteBuffer from) {
        int length = from.remaining();
        ensure(length);
        from.get(bytes, size, length);
        size += length;
    }

    int size() {
        return size;
    }

    /** The bytes collected: the first {@link #size()} of this array, which later additions may replace. */
    byte[] array() {
        return bytes;
    }

    /** A copy of the bytes collected, to hand on while this collects more. */
    byte[] copy() {
        return Arrays.copyOf(bytes, size);
    }

    void reset() {
        size = 0;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    private void ensure(int more) {
        if (more > bytes.length - size) {
            bytes = Arrays.copyOf(bytes, Math.max(Math.addExact(size, more), bytes.length * 2));
        }
    }
}
