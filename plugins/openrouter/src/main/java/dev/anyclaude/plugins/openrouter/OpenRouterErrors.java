package dev.anyclaude.plugins.openrouter;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.plugins.openai.translate.ErrorExplainer;
import dev.anyclaude.plugins.openai.wire.UpstreamError;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * OpenRouter's failures explained in its terms (PROTOCOLS.md 6.3): what the status means for an OpenRouter user
 * and what to do about it, followed by the generic translation's message (backend name, upstream message, masked).
 *
 * <table>
 *   <caption>Before the answer</caption>
 *   <tr><th>OpenRouter</th><th>client gets</th></tr>
 *   <tr><td>401 bad key</td><td>401 {@code authentication_error}, naming the key's variable</td></tr>
 *   <tr><td>402 no credits</td><td>402 {@code billing_error}, with {@code metadata.limit_source}</td></tr>
 *   <tr><td>403 moderation</td><td>403 {@code permission_error}, with {@code metadata.reasons}</td></tr>
 *   <tr><td>408 timeout</td><td>504 {@code timeout_error}</td></tr>
 *   <tr><td>429 rate limit</td><td>429 {@code rate_limit_error}, with the {@code Retry-After} seconds</td></tr>
 *   <tr><td>502 provider down</td><td>529 {@code overloaded_error}</td></tr>
 *   <tr><td>503 no provider fits</td><td>529 {@code overloaded_error}, suggesting to relax {@code provider}</td></tr>
 * </table>
 *
 * <p>During the answer the SSE {@code error} event is {@code overloaded_error} for 429, 502 and 503 (worth a retry)
 * and {@code api_error} otherwise. Messages never contain the key. Thread-safe.
 */
final class OpenRouterErrors implements ErrorExplainer {
    private static final int MAX_METADATA = 200;

    private final String keyEnv;
    private final boolean hasKey;

    /**
     * @param keyEnv the environment variable the key is read from, named in the 401 advice
     * @param hasKey whether a key is sent at all
     */
    OpenRouterErrors(String keyEnv, boolean hasKey) {
        this.keyEnv = Objects.requireNonNull(keyEnv, "keyEnv");
        this.hasKey = hasKey;
    }

    @Override
    public AnthropicException explain(UpstreamFailure failure, AnthropicException translated) {
        int status = failure.effectiveStatus();
        if (failure.midStream()) {
            ErrorType type = status == 429 || status == 502 || status == 503 || status == 529
                    ? ErrorType.OVERLOADED : ErrorType.API;
            return AnthropicException.of(type, "OpenRouter: " + translated.getMessage());
        }
        String detail = " (" + translated.getMessage() + ")";
        return switch (status) {
            case 401 -> AnthropicException.of(ErrorType.AUTHENTICATION, (hasKey ? "OpenRouter rejected the API key"
                    : "no OpenRouter API key is configured") + ": set "
                    + keyEnv + " (or apiKey in the backend's config) to a key from openrouter.ai/settings/keys"
                    + detail);
            case 402 -> AnthropicException.of(ErrorType.BILLING, "OpenRouter says the account has no credits left;"
                    + " add credits at openrouter.ai/settings/credits or pick a free model (an id ending in :free)"
                    + metadata(failure.error(), "limit_source", "limit source") + detail);
            case 403 -> AnthropicException.of(ErrorType.PERMISSION, "OpenRouter's moderation refused the request"
                    + metadata(failure.error(), "reasons", "reasons") + provider(failure.error()) + detail);
            case 408 -> AnthropicException.of(ErrorType.TIMEOUT, "OpenRouter timed out waiting for the model;"
                    + " try again, or route to a faster provider with provider.sort = \"latency\"" + detail);
            case 429 -> AnthropicException.of(ErrorType.RATE_LIMIT, "OpenRouter's rate limit was reached"
                    + retryAfter(failure.retryAfter()) + "; free models have low limits" + detail);
            case 502 -> AnthropicException.of(ErrorType.OVERLOADED, "OpenRouter's provider for this model is down"
                    + " or sent an invalid answer" + provider(failure.error())
                    + "; try again, or list fallbacks in models" + detail);
            case 503 -> AnthropicException.of(ErrorType.OVERLOADED, "no OpenRouter provider meets the routing"
                    + " constraints for this model; relax the backend's provider preferences (only, ignore,"
                    + " quantizations, max_price, require_parameters, data_collection) or allow fallbacks"
                    + retryAfter(failure.retryAfter()) + detail);
            default -> translated.getMessage().startsWith("prompt is too long") ? translated // Claude Code compacts on it
                    : new AnthropicException(translated.type(), translated.status(),
                            "OpenRouter: " + translated.getMessage(), translated);
        };
    }

    private static String provider(UpstreamError error) {
        Object name = error == null || error.metadata() == null ? null : error.metadata().get("provider_name");
        return name == null ? "" : " (provider " + shorten(name) + ")";
    }

    private static String metadata(UpstreamError error, String field, String label) {
        Map<String, Object> metadata = error == null ? null : error.metadata();
        Object value = metadata == null ? null : metadata.get(field);
        if (value == null || value instanceof Collection<?> list && list.isEmpty()) {
            return "";
        }
        String text = value instanceof Collection<?> list ? String.join(", ", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
        return " (" + label + ": " + shorten(text) + ")";
    }

    private static String retryAfter(String seconds) {
        return seconds == null || seconds.isBlank() ? "" : " (retry after " + shorten(seconds.strip()) + " s)";
    }

    private static String shorten(Object value) {
        String text = String.valueOf(value);
        return text.length() > MAX_METADATA ? text.substring(0, MAX_METADATA) + "..." : text;
    }
}
