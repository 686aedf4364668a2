package dev.anyclaude.testkit;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Which answer goes to which request: a FIFO queue per path, then an optional default per path. Thread-safe. */
final class ResponseScript {

    private final Map<String, Queue<MockResponse>> queues = new ConcurrentHashMap<>();
    private final Map<String, MockResponse> defaults = new ConcurrentHashMap<>();

    void enqueue(String path, MockResponse response) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(response, "response");
        queues.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).add(response);
    }

    void setDefault(String path, MockResponse response) {
        Objects.requireNonNull(path, "path");
        if (response == null) {
            defaults.remove(path);
        } else {
            defaults.put(path, response);
        }
    }

    /** The next queued answer for {@code path}, else its default, else empty. Never blocks. */
    Optional<MockResponse> next(String path) {
        Queue<MockResponse> queue = queues.get(path);
        MockResponse queued = queue == null ? null : queue.poll();
        return Optional.ofNullable(queued != null ? queued : defaults.get(path));
    }

    int queued(String path) {
        Queue<MockResponse> queue = queues.get(path);
        return queue == null ? 0 : queue.size();
    }
}
