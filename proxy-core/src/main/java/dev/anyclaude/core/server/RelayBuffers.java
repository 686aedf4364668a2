package dev.anyclaude.core.server;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Copy buffers for relaying answers, reused across requests: a relay needs one 16 KiB buffer for as long as it
 * runs, and allocating it anew for every request was most of the passthrough's garbage. At most {@link #KEPT}
 * free buffers are kept; more relays at once allocate their own, which are dropped when given back to a full pool.
 * Thread-safe.
 */
final class RelayBuffers {
    static final int SIZE = 16 * 1024;
    static final int KEPT = 64;

    private final ArrayBlockingQueue<byte[]> free = new ArrayBlockingQueue<>(KEPT);

    /** A buffer of {@link #SIZE} bytes; give it back when done, and use it no more after. */
    byte[] take() {
        byte[] buffer = free.poll();
        return buffer != null ? buffer : new byte[SIZE];
    }

    void giveBack(byte[] buffer) {
        free.offer(buffer);
    }
}
