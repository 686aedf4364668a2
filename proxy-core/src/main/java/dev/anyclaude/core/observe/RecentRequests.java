package dev.anyclaude.core.observe;

import java.util.ArrayList;
import java.util.List;

/**
 * The last requests the proxy answered, in memory, for the dashboard and {@code anyclaude status}: a ring buffer
 * of fixed size, so it never grows. Holds only {@link CompletedRequest}s (no bodies, no secrets). Thread-safe.
 */
public final class RecentRequests implements RequestObserver {
    private final CompletedRequest[] ring;
    private long written;

    /** @param capacity how many requests to keep; at least 1 */
    public RecentRequests(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.ring = new CompletedRequest[capacity];
    }

    @Override
    public synchronized void completed(CompletedRequest request) {
        ring[(int) (written % ring.length)] = request;
        written++;
    }

    /** Up to {@code limit} requests, newest first. */
    public synchronized List<CompletedRequest> latest(int limit) {
        int count = (int) Math.min(Math.min(written, ring.length), Math.max(limit, 0));
        List<CompletedRequest> out = new ArrayList<>(count);
        for (long i = written - 1; out.size() < count; i--) {
            out.add(ring[(int) (i % ring.length)]);
        }
        return out;
    }

    /** How many requests were answered since the proxy started (not only those still kept). */
    public synchronized long total() {
        return written;
    }
}
