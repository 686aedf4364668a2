package dev.anyclaude.plugins.openai.translate;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.plugins.openai.wire.UpstreamError;

/**
 * A backend's last word on an upstream failure: given what the generic translation made of it, returns the
 * exception the client gets. Plugins for particular servers use it to explain their errors in their own terms
 * (OpenRouter: "no credits left", "no provider meets the routing constraints") or to pick another type; the
 * default, {@link #unchanged()}, keeps the translation's answer.
 *
 * <pre>{@code
 * ErrorExplainer credits = (failure, translated) -> failure.status() == 402
 *         ? AnthropicException.of(ErrorType.BILLING, "add credits") : translated;
 * }</pre>
 *
 * <p>Implementations must be thread-safe and must not put secrets (keys, header values) in messages; the
 * translated message is already masked. They should not throw anything but return the exception.
 */
@FunctionalInterface
public interface ErrorExplainer {

    /**
     * @param failure    what the upstream sent; not null
     * @param translated the exception the generic translation made; not null. In a stream that already started
     *                   its type is {@code overloaded_error} or {@code api_error}, and the returned exception's
     *                   type and message become the SSE {@code error} event (its status is then unused).
     * @return the exception to give the client; not null
     */
    AnthropicException explain(UpstreamFailure failure, AnthropicException translated);

    /** Keeps the generic translation's answer. */
    static ErrorExplainer unchanged() {
        return (failure, translated) -> translated;
    }

    /**
     * An upstream failure as the explainer sees it.
     *
     * @param status     the upstream HTTP status: the error status for an HTTP error, 200 for an error reported
     *                   inside a 200 answer (a stream chunk)
     * @param error      the parsed error object; null when the body had none (plain text, empty)
     * @param retryAfter the upstream's {@code Retry-After} header, or null
     * @param midStream  true when part of the answer already reached the client, so only an SSE error event is
     *                   possible
     */
    record UpstreamFailure(int status, UpstreamError error, String retryAfter, boolean midStream) {
        /** The status the error object names (OpenRouter's numeric {@code code}), else the HTTP status. */
        public int effectiveStatus() {
            Integer named = error == null ? null : error.status();
            return named != null ? named : status;
        }

        @Override
        public String toString() {
            return "UpstreamFailure[status=" + status + ", midStream=" + midStream + "]";
        }
    }
}
