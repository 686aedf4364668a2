package dev.anyclaude.plugins.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.Map;

/**
 * The config block of an {@code openai} backend: any server that speaks OpenAI Chat Completions, by config alone.
 *
 * <pre>{@code
 * "gpu-box": {"type": "openai", "baseUrl": "http://gpu-box.lan:8000/v1", "model": "qwen3-coder",
 *             "apiKeyEnv": "GPU_BOX_KEY", "headers": {"X-Team": "tools"}, "extraBody": {"top_k": 20}}
 * }</pre>
 *
 * @param baseUrl     the server's OpenAI base URL, {@code /v1} included (requests go to {@code baseUrl/chat/completions})
 * @param apiKey      a key sent as {@code Authorization: Bearer}; may be null
 * @param apiKeyEnv   the environment variable holding the key when {@code apiKey} is absent; may be null
 * @param model       the upstream model to ask for whatever the client named; null passes the client's model on
 * @param headers     extra request headers (for example attribution headers); may be null
 * @param extraBody   extra top-level request fields merged into every request (for example
 *                    {@code chat_template_kwargs}); may be null
 * @param translation how to translate for this server (see {@code TranslationOptions}); may be null for defaults
 * @param timeoutSeconds how long to wait for the response headers; default 600 (local models think for minutes)
 */
public record OpenAiConfig(@JsonProperty("baseUrl") String baseUrl,
                           @JsonProperty("apiKey") String apiKey,
                           @JsonProperty("apiKeyEnv") String apiKeyEnv,
                           @JsonProperty("model") String model,
                           @JsonProperty("headers") Map<String, String> headers,
                           @JsonProperty("extraBody") Map<String, Object> extraBody,
                           @JsonProperty("translation") Map<String, Object> translation,
                           @JsonProperty("timeoutSeconds") Integer timeoutSeconds) {

    public OpenAiConfig {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("baseUrl: field required (for example \"http://localhost:8000/v1\")");
        }
        baseUrl = baseUrl.trim();
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        URI uri = URI.create(baseUrl);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("baseUrl: must be an http:// or https:// URL");
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        // Not Map.copyOf: a null value is meaningful here (it removes the field from the request).
        extraBody = extraBody == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraBody));
        translation = translation == null ? Map.of() : Map.copyOf(translation);
        if (timeoutSeconds != null && timeoutSeconds <= 0) {
            throw new IllegalArgumentException("timeoutSeconds: must be positive");
        }
    }

    /** The wait for response headers. */
    java.time.Duration timeout() {
        return java.time.Duration.ofSeconds(timeoutSeconds == null ? 600 : timeoutSeconds);
    }
}
