package dev.anyclaude.testkit;

import java.util.concurrent.CompletableFuture;

/**
 * An answer that never comes. The server reads and records the request, sends nothing, and keeps the connection
 * open until the client closes it or the server is closed. Made by {@link MockResponse#hang()}.
 *
 * <p>{@link #clientDisconnected()} completes when that connection closes, which is how a test proves that a
 * proxy cancelled its upstream call after its own client went away:
 *
 * <pre>{@code
 * HangResponse hang = MockResponse.hang();
 * upstream.enqueue(hang);
 * var call = client.sendAsync(request, BodyHandlers.ofString());
 * upstream.takeRequest();          // the proxy's call has arrived
 * call.cancel(true);               // the client goes away
 * hang.clientDisconnected().join(); // ... and so does the proxy's upstream connection
 * }</pre>
 *
 * <p>Thread-safe. The future completes once, so serve each instance to one request only.
 */
public final class HangResponse implements MockResponse {

    private final CompletableFuture<Void> disconnected = new CompletableFuture<>();

    HangResponse() {
    }

    /**
     * A future completed (with null) when the connection carrying this request closes, whichever side closed
     * it; {@link MockServer#close()} closes it too. Completing or cancelling the returned future has no
     * effect on the server.
     */
    public CompletableFuture<Void> clientDisconnected() {
        return disconnected.copy();
    }

    /** Always empty: nothing is ever sent. */
    @Override
    public byte[] bodyBytes() {
        return new byte[0];
    }

    void markDisconnected() {
        disconnected.complete(null);
    }

    @Override
    public String toString() {
        return "HangResponse[" + (disconnected.isDone() ? "disconnected]" : "open]");
    }
}
