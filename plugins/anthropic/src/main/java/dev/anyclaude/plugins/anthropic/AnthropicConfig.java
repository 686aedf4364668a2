package dev.anyclaude.plugins.anthropic;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.anyclaude.plugins.anthropic.compat.CompatOptions;
import java.net.URI;
import java.util.Locale;

/**
 * The config block of an {@code anthropic} backend; also built by the plugins for particular local servers
 * (ollama, lmstudio) through {@link #compatible}.
 *
 * <pre>{@code
 * "llama": {"type": "anthropic", "baseUrl": "http://127.0.0.1:8080", "mode": "compatible",
 *           "model": "qwen3-coder", "compat": {"allowedBetas": []}}
 * }</pre>
 *
 * @param baseUrl   the API's base URL without {@code /v1} (a trailing {@code /v1} is tolerated); default
 *                  {@code https://api.anthropic.com}; any Anthropic-compatible server works
 * @param apiKey    a key to send as {@code x-api-key} instead of the client's own credentials; may be null
 * @param apiKeyEnv the environment variable read when neither the config nor the client supplies a key;
 *                  default {@code ANTHROPIC_API_KEY}; not read in compatible mode
 * @param mode      {@code passthrough} (default): the request goes upstream byte for byte;
 *                  {@code compatible}: it is parsed and reshaped for a server that is not Anthropic's (see
 *                  {@link CompatOptions}), and the client's credentials are not forwarded
 * @param model     compatible mode only: the upstream model to ask for whatever the client named; null keeps the
 *                  client's
 * @param compat    compatible mode only: how to reshape; null for the defaults
 */
public record AnthropicConfig(@JsonProperty("baseUrl") String baseUrl,
                              @JsonProperty("apiKey") String apiKey,
                              @JsonProperty("apiKeyEnv") String apiKeyEnv,
                              @JsonProperty("mode") String mode,
                              @JsonProperty("model") String model,
                              @JsonProperty("compat") CompatOptions compat) {
    /** Anthropic's own API. */
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    /** The byte-faithful mode. */
    public static final String PASSTHROUGH = "passthrough";
    /** The reshaping mode for servers other than Anthropic's. */
    public static final String COMPATIBLE = "compatible";

    /**
     * Fills defaults and checks the values.
     *
     * @throws IllegalArgumentException naming the field when a value is wrong
     */
    public AnthropicConfig {
        baseUrl = normalise(baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.trim());
        apiKeyEnv = apiKeyEnv == null || apiKeyEnv.isBlank() ? "ANTHROPIC_API_KEY" : apiKeyEnv;
        URI uri = URI.create(baseUrl);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("baseUrl: must be an http:// or https:// URL");
        }
        mode = mode == null || mode.isBlank() ? PASSTHROUGH : mode.trim().toLowerCase(Locale.ROOT);
        if (!PASSTHROUGH.equals(mode) && !COMPATIBLE.equals(mode)) {
            throw new IllegalArgumentException("mode: must be \"passthrough\" or \"compatible\"");
        }
        model = model == null || model.isBlank() ? null : model.trim();
        compat = compat == null ? CompatOptions.defaults() : compat;
    }

    /**
     * A compatible-mode config, for plugins that serve a particular local server.
     *
     * @param baseUrl the server's base URL without {@code /v1}
     * @param apiKey  a key the server wants, or null
     * @param model   the upstream model, or null to keep the client's
     * @param compat  how to reshape, or null for the defaults
     */
    public static AnthropicConfig compatible(String baseUrl, String apiKey, String model, CompatOptions compat) {
        return new AnthropicConfig(baseUrl, apiKey, null, COMPATIBLE, model, compat);
    }

    /** True in compatible mode. */
    public boolean isCompatible() {
        return COMPATIBLE.equals(mode);
    }

    private static String normalise(String url) {
        String trimmed = url;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.endsWith("/v1") ? trimmed.substring(0, trimmed.length() - 3) : trimmed;
    }
}
