package dev.anyclaude.api;

/**
 * A step around every Messages call of the routes it is enabled for, in the style of OkHttp's interceptors:
 * it may answer the call itself (a cache hit), change it ({@link Call#withRequest}) before passing it on, and
 * wrap the reply on the way back (fill a cache, repair tool calls).
 *
 * <p>Contract: call {@link Chain#proceed(Call)} at most once, and return a non-null reply or throw
 * {@link AnthropicException}. The proxy checks this and names the middleware that broke it. Thread-safe.
 *
 * <pre>{@code
 * public Reply intercept(Chain chain) {
 *     Reply cached = cache.get(key(chain.call()));
 *     return cached != null ? cached : chain.proceed(chain.call());
 * }
 * }</pre>
 */
public interface Middleware extends AutoCloseable {

    /** Handles one call: answers it or passes it on with {@link Chain#proceed(Call)}. */
    Reply intercept(Chain chain);

    /**
     * This middleware's whole effect on one call, said up front, so the proxy can keep the call on its fast path
     * ({@link Backend#relay}): empty (the default) when it must see the call through {@link #intercept}, which then
     * takes the call off the fast path. A stage changes a translated answer's events ({@code Relay.Translated}); a
     * call whose answer is relayed unchanged stays on the fast path only when every stage on its route watches it
     * ({@link dev.anyclaude.api.relay.RelayStage#rawWatch}), else it goes through {@link #intercept}. A stage may also
     * answer the call itself ({@link dev.anyclaude.api.relay.RelayStage#answer}: a cache hit). Called on
     * an IO thread: never block or do I/O. Return empty, rather than throw, where {@link #intercept} would answer
     * with an error (a bad setting, a body that does not parse): the call then takes the blocking path, which gives
     * that error; a throw here does the same.
     *
     * @param call           the call as it reaches this middleware
     * @param backendSetting as {@link Chain#backendSetting()}
     */
    default java.util.Optional<dev.anyclaude.api.relay.RelayStage> onRelay(Call call, Object backendSetting) {
        return java.util.Optional.empty();
    }

    /** Releases what the middleware holds (files, connections); idempotent. */
    @Override
    default void close() {
    }

    /** The rest of the pipeline, as seen from one middleware. */
    interface Chain {

        /** The call as it reached this middleware. */
        Call call();

        /** Passes the call on to the next middleware, or to the backend when this one is the last. */
        Reply proceed(Call call);

        /**
         * This middleware's setting in the entry of the backend serving the call: the value of the entry's key
         * named like the middleware, as read from config ({@code "toolCalls": "force"} gives {@code "force"}; an
         * object gives an unmodifiable map). Null when the entry has no such key (the middleware is then on from
         * its top-level block or by {@link MiddlewareFactory#onByDefault default}). Lets the one shared instance
         * behave per backend.
         */
        default Object backendSetting() {
            return null;
        }
    }
}
