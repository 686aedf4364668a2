package dev.anyclaude.plugins.anthropic;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;

/**
 * The config block of an {@code anthropic} backend.
 *
 * @param baseUrl   the API's base URL without {@code /v1} (a trailing {@code /v1} is tolerated); default
 *                  {@code https://api.anthropic.com}; any Anthropic-compatible server works
 * @param apiKey    a key to send as {@code x-api-key} instead of the client's own credentials; may be null
 * @param apiKeyEnv the environment variable read when neither the config nor the client supplies a key;
 *                  default {@code ANTHROPIC_API_KEY}
 */
record AnthropicConfig(@JsonProperty("baseUrl") String baseUrl,
                       @JsonProperty("apiKey") String apiKey,
                       @JsonProperty("apiKeyEnv") String apiKeyEnv) {
    static final String DEFAULT_BASE_URL = "https://api.anthropic.com";

    AnthropicConfig {
        baseUrl = normalise(baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.trim());
        apiKeyEnv = apiKeyEnv == null || apiKeyEnv.isBlank() ? "ANTHROPIC_API_KEY" : apiKeyEnv;
        URI uri = URI.create(baseUrl);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("baseUrl: must be an http:// or https:// URL");
        }
    }

    private static String normalise(String url) {
        String trimmed = url;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.endsWith("/v1") ? trimmed.substring(0, trimmed.length() - 3) : trimmed;
    }
}
