package dev.anyclaude.core.routing;

import dev.anyclaude.core.config.ConfigException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and checks the {@code "router"} block; every error names the field. */
public final class RouterConfigReader {
    private RouterConfigReader() {
    }

    /**
     * The rules of the block (none when it is absent).
     *
     * @param backends the configured backend names every target must name
     * @throws ConfigException naming the field when a value has the wrong shape or names an unknown backend
     */
    public static RouterConfig read(Map<String, Object> block, Collection<String> backends) {
        if (block == null || block.isEmpty()) {
            return RouterConfig.none();
        }
        Map<String, RouteTarget> models = new LinkedHashMap<>();
        Object modelsNode = block.get("models");
        if (modelsNode != null) {
            if (!(modelsNode instanceof Map<?, ?> map)) {
                throw new ConfigException("router.models: must be an object of \"pattern\": \"backend[,model]\"");
            }
            map.forEach((pattern, target) -> models.put(String.valueOf(pattern), target("router.models." + pattern, target)));
        }
        int threshold = 0;
        Optional<RouteTarget> longContext = Optional.empty();
        Object longNode = block.get("longContext");
        if (longNode != null) {
            if (!(longNode instanceof Map<?, ?> map) || !(map.get("threshold") instanceof Integer t) || t <= 0) {
                throw new ConfigException("router.longContext: must be {\"threshold\": <tokens>, \"route\": \"backend[,model]\"}");
            }
            threshold = t;
            longContext = Optional.of(target("router.longContext.route", map.get("route")));
        }
        List<RouteTarget> fallback = new ArrayList<>();
        Object fallbackNode = block.get("fallback");
        if (fallbackNode != null) {
            if (!(fallbackNode instanceof List<?> list)) {
                throw new ConfigException("router.fallback: must be an array of \"backend[,model]\"");
            }
            for (int i = 0; i < list.size(); i++) {
                fallback.add(target("router.fallback[" + i + "]", list.get(i)));
            }
        }
        RouterConfig rules = new RouterConfig(models, optional(block, "background"), optional(block, "thinking"),
                optional(block, "images"), threshold, longContext, fallback);
        rules.targets().forEach((field, target) -> {
            if (!backends.contains(target.backend())) {
                throw new ConfigException(field + ": unknown backend '" + target.backend() + "'; configured backends: "
                        + String.join(", ", backends));
            }
        });
        return rules;
    }

    private static Optional<RouteTarget> optional(Map<String, Object> block, String key) {
        Object value = block.get(key);
        return value == null ? Optional.empty() : Optional.of(target("router." + key, value));
    }

    private static RouteTarget target(String field, Object value) {
        if (!(value instanceof String text)) {
            throw new ConfigException(field + ": must be a string \"backend\" or \"backend,model\"");
        }
        try {
            return RouteTarget.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(field + ": " + e.getMessage());
        }
    }
}
