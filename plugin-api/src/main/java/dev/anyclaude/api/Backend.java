package dev.anyclaude.api;

/**
 * One configured backend: answers Messages calls for the entry it was created for.
 *
 * <p>Created by a {@link BackendFactory} from its config block, without I/O. {@link #start()} opens what it needs
 * (a child process, a warm-up request); {@link #close()} releases it. Calls arrive concurrently, each on its own
 * virtual thread, so blocking is fine and implementations must be thread-safe.
 *
 * <pre>{@code
 * public Reply messages(Call call) {
 *     UpstreamResponse response = http.send(UpstreamRequest.post(uri, headers, call.rawBody().orElseThrow()));
 *     return new Reply.Raw(response.status(), response.headers(), response.body());
 * }
 * }</pre>
 */
public interface Backend extends AutoCloseable {

    /** Opens what the backend needs before its first call. The default does nothing. */
    default void start() {
    }

    /**
     * Answers {@code POST /v1/messages}.
     *
     * @throws AnthropicException for every failure before the answer starts: unreachable upstream (name the
     *                            backend and its URL, never a key), refused request, bad input
     */
    Reply messages(Call call);

    /**
     * The fast path for this Messages call: the one upstream request that is the whole of the backend's work for it,
     * and whether its answer is relayed unchanged or translated as it arrives. The proxy then sends the request and
     * relays the answer on its IO threads, without a thread per call, applying the backend's policy as for
     * {@link #messages}. Empty (the default) answers the call through {@link #messages}, and so does the proxy where
     * it cannot take the fast path (a middleware on the route without a {@link Middleware#onRelay stage}, a fallback
     * route, a concurrency limit already reached). Called on an IO thread: build the request, never block or do I/O;
     * a failure here (bad input) may be thrown as {@link AnthropicException}.
     */
    default java.util.Optional<dev.anyclaude.api.relay.Relay> relay(Call call) {
        return java.util.Optional.empty();
    }

    /**
     * Answers {@code POST /v1/messages/count_tokens}. The default estimates from the request's text (about four
     * characters a token) and says so in the answer's {@code estimated} field.
     */
    default Reply countTokens(Call call) {
        return Reply.json(TokenEstimate.of(call.request()));
    }

    /**
     * Answers {@code GET /v1/models} for this backend: a {@link Reply.Json} of
     * {@code {"data":[ModelInfo...],"has_more":false,...}} or a raw upstream answer. The default lists none.
     */
    default Reply models(Call call) {
        return Reply.json(TokenEstimate.modelList(java.util.List.of()));
    }

    /** The backend's state, for {@code /health}. The default is {@link Health#up()}. */
    default Health health() {
        return Health.up();
    }

    /**
     * Actively checks that the backend can answer: reaches the upstream and, where it can, checks the key. Used by
     * {@code anyclaude check}; may do I/O and take seconds, so never call it per request. A {@code DOWN} result's
     * detail says what is wrong and how to fix it. The default reports {@link #health()}.
     */
    default Health probe() {
        return health();
    }

    /** Releases what {@link #start()} opened; idempotent; never throws. */
    @Override
    default void close() {
    }
}
