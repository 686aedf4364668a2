package dev.anyclaude.testkit;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which answer goes to which request: a FIFO queue per path, then an optional default per path, which is either
 * a fixed answer or a function of the request. Thread-safe.
 */
final class ResponseScript {

    /** The default of one path: a fixed answer, or a function of the request. */
    private sealed interface Fallback {
        MockResponse answer(Supplier<RecordedRequest> request);
    }

    private record Fixed(MockResponse response) implements Fallback {
        @Override
        public MockResponse answer(Supplier<RecordedRequest> request) {
            return response;
        }
    }

    private record Dispatched(Function<RecordedRequest, ? extends MockResponse> function) implements Fallback {
        @Override
        public MockResponse answer(Supplier<RecordedRequest> request) {
            return function.apply(request.get());
        }
    }

    private final Map<String, Queue<MockResponse>> queues = new ConcurrentHashMap<>();
    private final Map<String, Fallback> defaults = new ConcurrentHashMap<>();

    void enqueue(String path, MockResponse response) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(response, "response");
        queues.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).add(response);
    }

    void setDefault(String path, MockResponse response) {
        setFallback(path, response == null ? null : new Fixed(response));
    }

    void setDispatcher(String path, Function<RecordedRequest, ? extends MockResponse> function) {
        setFallback(path, function == null ? null : new Dispatched(function));
    }

    /**
     * The next queued answer for {@code path}, else its default (asking a dispatcher with the request that
     * {@code request} supplies, built only then), else empty. Never blocks unless a dispatcher does.
     *
     * @throws RuntimeException whatever a dispatcher throws
     */
    Optional<MockResponse> next(String path, Supplier<RecordedRequest> request) {
        Queue<MockResponse> queue = queues.get(path);
        MockResponse queued = queue == null ? null : queue.poll();
        if (queued != null) {
            return Optional.of(queued);
        }
        Fallback fallback = defaults.get(path);
        return fallback == null ? Optional.empty() : Optional.ofNullable(fallback.answer(request));
    }

    int queued(String path) {
        Queue<MockResponse> queue = queues.get(path);
        return queue == null ? 0 : queue.size();
    }

    private void setFallback(String path, Fallback fallback) {
        Objects.requireNonNull(path, "path");
        if (fallback == null) {
            defaults.remove(path);
        } else {
            defaults.put(path, fallback);
        }
    }
}
