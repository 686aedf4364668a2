package dev.anyclaude.plugins.anthropic.compat;

import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.model.MessagesRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a (normalised) request as JSON without the fields an Anthropic-compatible server rejects: the configured
 * top-level fields, and {@code cache_control} markers where Anthropic allows them (top level, system blocks,
 * message blocks and the blocks inside tool results, tools). Markers inside tool inputs and schemas are the
 * user's data and stay. Thread-safe.
 */
public final class CompatWriter {
    private static final String CACHE_CONTROL = "cache_control";

    private final CompatOptions options;
    private final JsonCodec json;

    /**
     * @param options which fields to drop; never null
     * @param json    the proxy's codec; never null
     */
    public CompatWriter(CompatOptions options, JsonCodec json) {
        this.options = Objects.requireNonNull(options, "options");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** The request as UTF-8 JSON, trimmed. */
    @SuppressWarnings("unchecked")
    public byte[] write(MessagesRequest request) {
        Map<String, Object> tree = new LinkedHashMap<>(json.convert(request, Map.class));
        options.dropFields().forEach(tree::remove);
        if (options.stripCacheControl()) {
            tree.remove(CACHE_CONTROL);
            tree.computeIfPresent("system", (k, v) -> withoutMarkers(v));
            tree.computeIfPresent("tools", (k, v) -> withoutMarkers(v));
            tree.computeIfPresent("messages", (k, v) -> v instanceof List<?> turns
                    ? turns.stream().map(turn -> turn instanceof Map<?, ?> m
                            ? withContentMarkersRemoved((Map<String, Object>) m) : turn).toList()
                    : v);
        }
        return json.write(tree);
    }

    private static Object withContentMarkersRemoved(Map<String, Object> turn) {
        Map<String, Object> copy = new LinkedHashMap<>(turn);
        copy.computeIfPresent("content", (k, v) -> withoutMarkers(v));
        return copy;
    }

    /** A list of objects (blocks or tools) without their markers, tool-result content included. */
    @SuppressWarnings("unchecked")
    private static Object withoutMarkers(Object value) {
        if (!(value instanceof List<?> items)) {
            return value;
        }
        return items.stream().map(item -> {
            if (!(item instanceof Map<?, ?> map)) {
                return item;
            }
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
            copy.remove(CACHE_CONTROL);
            if ("tool_result".equals(copy.get("type"))) {
                copy.computeIfPresent("content", (k, v) -> withoutMarkers(v));
            }
            return copy;
        }).toList();
    }
}
