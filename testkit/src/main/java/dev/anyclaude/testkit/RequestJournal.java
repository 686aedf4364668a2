package dev.anyclaude.testkit;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts every request and, while recording is on, keeps it for {@link #take(Duration)}. Thread-safe. */
final class RequestJournal {

    private final BlockingQueue<RecordedRequest> recorded = new LinkedBlockingQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile boolean recording = true;

    void add(RecordedRequest request) {
        count.incrementAndGet();
        if (recording) {
            recorded.add(request);
        }
    }

    /** Whether a request must be built at all (the count is kept either way). */
    boolean recording() {
        return recording;
    }

    void countOnly() {
        count.incrementAndGet();
    }

    void setRecording(boolean on) {
        recording = on;
    }

    RecordedRequest take(Duration timeout) throws InterruptedException {
        return recorded.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    int count() {
        return count.get();
    }
}
