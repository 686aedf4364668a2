package dev.anyclaude.plugins.openrouter;

import dev.anyclaude.plugins.openai.OpenAiConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an OpenRouter request adds to the OpenAI translation, expressed as an {@link OpenAiConfig}: the
 * attribution headers ({@code HTTP-Referer}, {@code X-Title}) and OpenRouter's own body fields ({@code models},
 * {@code provider}, {@code reasoning}, {@code usage}, {@code transforms}, {@code plugins}), passed verbatim.
 *
 * <p>When {@code reasoning} is configured the translation's {@code reasoning_effort} (from Claude Code's
 * {@code thinking}) is turned off: OpenRouter reads both and a request with two reasoning settings that disagree
 * is ambiguous, so the explicit config wins. Fields set in {@code extraBody} are merged first; the named fields
 * above override them.
 */
final class UpstreamShape {
    private UpstreamShape() {
    }

    /** The {@code openai} config that sends requests the way OpenRouter expects them. */
    static OpenAiConfig toOpenAi(OpenRouterConfig config) {
        return new OpenAiConfig(config.baseUrl(), null, null, config.model(), headers(config), body(config),
                translation(config), config.timeoutSeconds());
    }

    /** The attribution headers, then the configured ones (which may replace them). */
    static Map<String, String> headers(OpenRouterConfig config) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!config.referer().isEmpty()) {
            headers.put("HTTP-Referer", config.referer());
        }
        if (!config.title().isEmpty()) {
            headers.put("X-Title", config.title());
        }
        headers.putAll(config.headers());
        return headers;
    }

    /** The fields merged into every request body. */
    static Map<String, Object> body(OpenRouterConfig config) {
        Map<String, Object> body = new LinkedHashMap<>(config.extraBody());
        if (!config.models().isEmpty()) {
            body.put("models", config.models());
        }
        putIfSet(body, "provider", config.provider());
        putIfSet(body, "reasoning", config.reasoning());
        putIfSet(body, "usage", config.usage());
        putIfSet(body, "transforms", config.transforms());
        putIfSet(body, "plugins", config.plugins());
        return body;
    }

    /** The translation options, with {@code reasoningEffort} off when {@code reasoning} is configured. */
    static Map<String, Object> translation(OpenRouterConfig config) {
        Map<String, Object> options = new LinkedHashMap<>(config.translation());
        if (config.reasoning() != null) {
            options.put("reasoningEffort", false);
        }
        return options;
    }

    private static void putIfSet(Map<String, Object> body, String field, Object value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
