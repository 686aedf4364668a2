package dev.anyclaude.testkit;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Test helper: a body subscriber that keeps every byte delivered before the body ended, and how it ended.
 * Unlike {@code BodyHandlers.ofInputStream()}, whose stream may throw before handing over bytes it has already
 * buffered, this sees exactly the bytes that arrived before an error.
 */
final class CollectingSubscriber implements Flow.Subscriber<List<ByteBuffer>> {

    /** The bytes received and the error that ended the body, or null when it ended cleanly. */
    record Outcome(byte[] bytes, Throwable error) {
    }

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

    static HttpResponse.BodyHandler<Void> handler(CollectingSubscriber subscriber) {
        return HttpResponse.BodyHandlers.fromSubscriber(subscriber);
    }

    CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.writeBytes(chunk);
        }
    }

    @Override
    public synchronized void onError(Throwable error) {
        outcome.complete(new Outcome(bytes.toByteArray(), error));
    }

    @Override
    public synchronized void onComplete() {
        outcome.complete(new Outcome(bytes.toByteArray(), null));
    }
}
