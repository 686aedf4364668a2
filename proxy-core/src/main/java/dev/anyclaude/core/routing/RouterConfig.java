package dev.anyclaude.core.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code "router"} block: model aliases and scenario rules, each naming a {@link RouteTarget}, and an ordered
 * fallback list.
 *
 * <pre>{@code
 * "router": {
 *   "models": {"*haiku*": "local,qwen2.5-coder-7b", "claude-sonnet-4-5": "gpu-box,qwen3-coder"},
 *   "background": "local", "thinking": "gpu-box,deepseek-r1", "images": "openrouter,openai/gpt-4o",
 *   "longContext": {"threshold": 60000, "route": "openrouter,google/gemini-2.5-pro"},
 *   "fallback": ["gpu-box", "openrouter,qwen/qwen3-coder"]
 * }
 * }</pre>
 *
 * @param models              model-name patterns ({@code *} matches anything) to targets, tried in order
 * @param background          for haiku-class requests, which Claude Code uses for small background jobs
 * @param thinking            for requests that ask for extended thinking
 * @param images              for requests that carry images
 * @param longContextThreshold estimated input tokens above which {@code longContext} applies
 * @param longContext         for requests longer than the threshold
 * @param fallback            tried in order when the chosen backend refuses the connection or answers 429, 5xx
 *                            or 529 before anything reached the client
 */
public record RouterConfig(Map<String, RouteTarget> models, Optional<RouteTarget> background,
                           Optional<RouteTarget> thinking, Optional<RouteTarget> images, int longContextThreshold,
                           Optional<RouteTarget> longContext, List<RouteTarget> fallback) {

    public RouterConfig {
        models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
        fallback = List.copyOf(fallback);
    }

    /** No rules: every request goes to the default backend. */
    public static RouterConfig none() {
        return new RouterConfig(Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.empty(),
                List.of());
    }

    /** True when a rule needs the parsed request (thinking, images, length). */
    boolean needsRequest() {
        return thinking.isPresent() || images.isPresent() || longContext.isPresent();
    }

    /** Every target the rules name, for validation against the configured backends. */
    public Map<String, RouteTarget> targets() {
        Map<String, RouteTarget> all = new LinkedHashMap<>();
        models.forEach((pattern, target) -> all.put("router.models." + pattern, target));
        background.ifPresent(t -> all.put("router.background", t));
        thinking.ifPresent(t -> all.put("router.thinking", t));
        images.ifPresent(t -> all.put("router.images", t));
        longContext.ifPresent(t -> all.put("router.longContext.route", t));
        for (int i = 0; i < fallback.size(); i++) {
            all.put("router.fallback[" + i + "]", fallback.get(i));
        }
        return all;
    }

    /** The first target whose pattern matches the model name. */
    Optional<RouteTarget> alias(String model) {
        for (Map.Entry<String, RouteTarget> rule : models.entrySet()) {
            if (glob(rule.getKey()).matcher(model).matches()) {
                return Optional.of(rule.getValue());
            }
        }
        return Optional.empty();
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        String[] parts = pattern.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
