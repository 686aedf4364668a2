package dev.anyclaude.plugins.openrouter;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The config block of an {@code openrouter} backend. Only {@code model} is required; the key comes from
 * {@code apiKey}, else the variable named by {@code apiKeyEnv}, else {@code OPENROUTER_API_KEY}.
 *
 * <pre>{@code
 * "router": {"type": "openrouter", "model": "qwen/qwen3-coder", "models": ["moonshotai/kimi-k2"],
 *            "provider": {"sort": "throughput", "data_collection": "deny"},
 *            "reasoning": {"effort": "low"}}
 * }</pre>
 *
 * <p>{@code provider}, {@code reasoning}, {@code usage}, {@code transforms} and {@code plugins} are OpenRouter's
 * own request fields and go into every request body verbatim (PROTOCOLS.md 6.3); anyclaude does not check them,
 * OpenRouter answers 400 to a bad one.
 *
 * @param baseUrl        OpenRouter's OpenAI base URL; default {@value #DEFAULT_BASE_URL}
 * @param apiKey         the key; may be null (then the environment is read)
 * @param apiKeyEnv      the environment variable holding the key; default {@value #DEFAULT_KEY_ENV}
 * @param model          the OpenRouter model id to ask for, whatever Claude Code named (for example
 *                       {@code qwen/qwen3-coder}); required
 * @param models         fallback model ids OpenRouter tries in order when {@code model} fails; may be null
 * @param referer        the {@code HTTP-Referer} attribution header; default {@value #DEFAULT_REFERER}; an
 *                       empty string sends none
 * @param title          the {@code X-Title} attribution header; default {@value #DEFAULT_TITLE}; an empty
 *                       string sends none
 * @param provider       provider routing preferences ({@code order}, {@code only}, {@code ignore}, {@code sort},
 *                       {@code allow_fallbacks}, {@code data_collection}, ...); may be null
 * @param reasoning      reasoning options ({@code effort} or {@code max_tokens}, {@code exclude},
 *                       {@code enabled}); when set, the translation's {@code reasoning_effort} is not sent
 * @param usage          usage accounting options, for example {@code {"include": true}}; may be null
 * @param transforms     prompt transforms, for example {@code ["middle-out"]}; may be null
 * @param plugins        OpenRouter plugins, for example {@code [{"id": "context-compression"}]}; may be null
 * @param headers        further request headers; may be null
 * @param extraBody      further request fields, deep-merged as for the {@code openai} type; may be null
 * @param translation    translation options as for the {@code openai} type; may be null
 * @param timeoutSeconds the wait for the response headers; default 600
 */
public record OpenRouterConfig(@JsonProperty("baseUrl") String baseUrl,
                               @JsonProperty("apiKey") String apiKey,
                               @JsonProperty("apiKeyEnv") String apiKeyEnv,
                               @JsonProperty("model") String model,
                               @JsonProperty("models") List<String> models,
                               @JsonProperty("referer") String referer,
                               @JsonProperty("title") String title,
                               @JsonProperty("provider") Map<String, Object> provider,
                               @JsonProperty("reasoning") Map<String, Object> reasoning,
                               @JsonProperty("usage") Map<String, Object> usage,
                               @JsonProperty("transforms") List<Object> transforms,
                               @JsonProperty("plugins") List<Object> plugins,
                               @JsonProperty("headers") Map<String, String> headers,
                               @JsonProperty("extraBody") Map<String, Object> extraBody,
                               @JsonProperty("translation") Map<String, Object> translation,
                               @JsonProperty("timeoutSeconds") Integer timeoutSeconds) {

    /** OpenRouter's OpenAI-compatible API. */
    public static final String DEFAULT_BASE_URL = "https://openrouter.ai/api/v1";
    /** The variable read for the key when the config names none. */
    public static final String DEFAULT_KEY_ENV = "OPENROUTER_API_KEY";
    /** The app URL OpenRouter attributes requests to (its rankings and the key's activity page). */
    public static final String DEFAULT_REFERER = "https://github.com/anyclaude/anyclaude";
    /** The app name OpenRouter shows for these requests. */
    public static final String DEFAULT_TITLE = "anyclaude";

    public OpenRouterConfig {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException(
                    "model: field required (an OpenRouter model id, for example \"qwen/qwen3-coder\")");
        }
        model = model.strip();
        baseUrl = blankToNull(baseUrl) == null ? DEFAULT_BASE_URL : baseUrl.strip();
        apiKeyEnv = blankToNull(apiKeyEnv) == null ? DEFAULT_KEY_ENV : apiKeyEnv.strip();
        referer = referer == null ? DEFAULT_REFERER : referer.strip();
        title = title == null ? DEFAULT_TITLE : title.strip();
        models = models == null ? List.of() : List.copyOf(models);
        transforms = transforms == null ? null : List.copyOf(transforms);
        plugins = plugins == null ? null : List.copyOf(plugins);
        provider = frozen(provider);
        reasoning = frozen(reasoning);
        usage = frozen(usage);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        extraBody = extraBody == null ? Map.of() : frozen(extraBody);
        translation = translation == null ? Map.of() : frozen(translation);
    }

    /** An unmodifiable copy that keeps null values (a null in {@code extraBody} removes a field). */
    private static <V> Map<String, V> frozen(Map<String, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
