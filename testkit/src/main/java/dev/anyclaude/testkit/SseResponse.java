package dev.anyclaude.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * A streamed answer: status 200, {@code content-type: text/event-stream}, chunked, each frame written and flushed
 * on its own so a client sees it as soon as it is sent. Made by {@link MockResponse#sse}; immutable, "with"
 * methods return copies.
 *
 * <p>Gates let a test prove event-by-event relay without sleeping: {@code gateBefore(1, latch)} sends frame 0,
 * then waits for {@code latch} before frame 1. The test reads frame 0 through the proxy and only then releases
 * the latch; if anything buffered the first frame, the test would wait forever (guard it with a JUnit
 * {@code @Timeout}). The wait happens on one of the mock's stream threads, never on an IO thread.
 *
 * <pre>{@code
 * CountDownLatch second = new CountDownLatch(1);
 * server.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames()).gateBefore(1, second));
 * // read frame 0 ... then
 * second.countDown();
 * }</pre>
 *
 * <p>If the same instance is served twice, its gates are shared: a released latch stays released.
 */
public final class SseResponse implements MockResponse {

    /** A blocking wait; released by whatever the test controls. */
    private interface Gate {
        void await() throws InterruptedException;
    }

    private final int status;
    private final HeaderFields headers;
    private final List<String> frames;
    private final List<byte[]> encoded;
    private final Map<Integer, Gate> gates;
    private final boolean disconnectAtEnd;
    private final java.util.concurrent.CompletableFuture<Void> finished = new java.util.concurrent.CompletableFuture<>();

    private SseResponse(int status, HeaderFields headers, List<String> frames, Map<Integer, Gate> gates,
            boolean disconnectAtEnd) {
        this.status = status;
        this.headers = headers;
        this.frames = frames;
        this.encoded = frames.stream().map(f -> f.getBytes(StandardCharsets.UTF_8)).toList();
        this.gates = Map.copyOf(gates);
        this.disconnectAtEnd = disconnectAtEnd;
    }

    /**
     * Completes when this response was written: normally after the last frame, exceptionally with the
     * {@link java.io.IOException} when a write failed because the client (for example a proxy that cancelled
     * its upstream request) went away.
     */
    public java.util.concurrent.CompletableFuture<Void> finished() {
        return finished;
    }

    void markFinished(Throwable failure) {
        if (failure == null) {
            finished.complete(null);
        } else {
            finished.completeExceptionally(failure);
        }
    }

    static SseResponse of(List<String> frames) {
        return new SseResponse(200, HeaderFields.of("content-type", "text/event-stream"), List.copyOf(frames),
                Map.of(), false);
    }

    /** The HTTP status, 200 unless changed with {@link #withStatus(int)}. */
    public int status() {
        return status;
    }

    /** The response headers; {@code content-type: text/event-stream} unless replaced. */
    public HeaderFields headers() {
        return headers;
    }

    /** The frames in sending order. */
    public List<String> frames() {
        return frames;
    }

    /** Whether the connection is dropped after the last frame instead of ending the body properly. */
    public boolean disconnectsAtEnd() {
        return disconnectAtEnd;
    }

    /** A copy whose header {@code name} has exactly the one value {@code value}. */
    public SseResponse withHeader(String name, String value) {
        return new SseResponse(status, headers.with(name, value), frames, gates, disconnectAtEnd);
    }

    /** A copy with one more {@code name: value} header line, earlier lines of that name kept. */
    public SseResponse withAddedHeader(String name, String value) {
        return new SseResponse(status, headers.plus(name, value), frames, gates, disconnectAtEnd);
    }

    /** A copy with another status code. */
    public SseResponse withStatus(int newStatus) {
        return new SseResponse(newStatus, headers, frames, gates, disconnectAtEnd);
    }

    /**
     * A copy that waits for {@code gate} to reach zero before writing frame {@code frameIndex}. Index
     * {@code frames().size()} means "before ending the response" (or before disconnecting). Response headers
     * are always sent before the first frame, so a gate at 0 holds only the body.
     *
     * @throws IndexOutOfBoundsException if {@code frameIndex} is not in {@code [0, frames().size()]}
     * @throws NullPointerException if {@code gate} is null
     */
    public SseResponse gateBefore(int frameIndex, CountDownLatch gate) {
        Objects.requireNonNull(gate, "gate");
        return withGate(frameIndex, gate::await);
    }

    /**
     * A copy that waits for {@code gate} to complete, normally or not, before writing frame {@code frameIndex};
     * see {@link #gateBefore(int, CountDownLatch)}. A {@link java.util.concurrent.CompletableFuture} fits.
     *
     * @throws IndexOutOfBoundsException if {@code frameIndex} is not in {@code [0, frames().size()]}
     * @throws NullPointerException if {@code gate} is null
     */
    public SseResponse gateBefore(int frameIndex, Future<?> gate) {
        Objects.requireNonNull(gate, "gate");
        return withGate(frameIndex, () -> awaitCompletion(gate));
    }

    /**
     * A copy that, after the last frame, closes the TCP connection without the terminating zero-length chunk,
     * like an upstream that dies mid-stream. Every frame reaches the client, then its read fails (truncated
     * chunked body / EOF). This is an orderly TCP close (FIN), not an RST: an RST could discard frames still in
     * flight and make tests flaky.
     *
     * <p>Beware of client-side buffering: the JDK HttpClient's {@code BodyHandlers.ofInputStream()} may throw
     * before handing over frames it has already received; a {@code Flow.Subscriber} (e.g. via
     * {@code BodyHandlers.fromSubscriber}) sees every byte before the error.
     */
    public SseResponse thenDisconnect() {
        return new SseResponse(status, headers, frames, gates, true);
    }

    @Override
    public byte[] bodyBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encoded.forEach(out::writeBytes);
        return out.toByteArray();
    }

    int frameCount() {
        return encoded.size();
    }

    /** Frame {@code i} as UTF-8, not copied; for the server's writer only. */
    byte[] frameBytes(int i) {
        return encoded.get(i);
    }

    /** Blocks until the gate before frame {@code i} (if any) opens. */
    void awaitGate(int i) throws InterruptedException {
        Gate gate = gates.get(i);
        if (gate != null) {
            gate.await();
        }
    }

    private SseResponse withGate(int frameIndex, Gate gate) {
        Objects.checkIndex(frameIndex, frames.size() + 1);
        Map<Integer, Gate> copy = new HashMap<>(gates);
        copy.put(frameIndex, gate);
        return new SseResponse(status, headers, frames, copy, disconnectAtEnd);
    }

    private static void awaitCompletion(Future<?> gate) throws InterruptedException {
        try {
            gate.get();
        } catch (ExecutionException | CancellationException e) {
            // Documented: a future that fails or is cancelled opens the gate just like one that succeeds.
        }
    }

    @Override
    public String toString() {
        return "SseResponse[" + status + ", " + frames.size() + " frames, gates at " + gates.keySet()
                + (disconnectAtEnd ? ", then disconnect]" : "]");
    }
}
