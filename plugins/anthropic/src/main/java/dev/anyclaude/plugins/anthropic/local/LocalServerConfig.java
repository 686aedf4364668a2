package dev.anyclaude.plugins.anthropic.local;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.anyclaude.plugins.anthropic.compat.CompatOptions;
import java.net.URI;
import java.util.Map;

/**
 * The config block of a local model server backend ({@code ollama}, {@code lmstudio}): one address, and the two
 * APIs such servers offer.
 *
 * <pre>{@code
 * "local": {"type": "ollama", "model": "qwen3-coder:30b", "api": "auto"}
 * }</pre>
 *
 * @param baseUrl        the server's address without {@code /v1}; null for the plugin's default
 * @param api            {@code auto} (default: the native Anthropic endpoint if the server has it, else OpenAI),
 *                       {@code anthropic} or {@code openai}
 * @param model          the upstream model to ask for whatever the client named; null keeps the client's
 * @param apiKey         a key the server wants (LM Studio with "Require Authentication"); may be null
 * @param compat         the compatible mode's options for the native endpoint; null for the defaults
 * @param translation    the openai plugin's translation options for the OpenAI endpoint; may be null
 * @param timeoutSeconds OpenAI endpoint: how long to wait for the response headers; null for the default (600)
 */
public record LocalServerConfig(@JsonProperty("baseUrl") String baseUrl,
                                @JsonProperty("api") String api,
                                @JsonProperty("model") String model,
                                @JsonProperty("apiKey") String apiKey,
                                @JsonProperty("compat") CompatOptions compat,
                                @JsonProperty("translation") Map<String, Object> translation,
                                @JsonProperty("timeoutSeconds") Integer timeoutSeconds) {

    /**
     * Checks the values; {@code baseUrl} keeps null for {@link #baseUrlOr}.
     *
     * @throws IllegalArgumentException naming the field when a value is wrong
     */
    public LocalServerConfig {
        LocalApi.of(api);
        if (baseUrl != null && !baseUrl.isBlank()) {
            baseUrl = baseUrl.trim();
            while (baseUrl.endsWith("/")) {
                baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
            }
            if (baseUrl.endsWith("/v1")) {
                baseUrl = baseUrl.substring(0, baseUrl.length() - 3);
            }
            URI uri = URI.create(baseUrl);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("baseUrl: must be an http:// or https:// URL");
            }
        } else {
            baseUrl = null;
        }
        model = model == null || model.isBlank() ? null : model.trim();
        translation = translation == null ? Map.of() : Map.copyOf(translation);
    }

    /** The configured address, or {@code fallback} when none is configured. */
    public String baseUrlOr(String fallback) {
        return baseUrl != null ? baseUrl : fallback;
    }

    /** The API to use. */
    public LocalApi localApi() {
        return LocalApi.of(api);
    }
}
