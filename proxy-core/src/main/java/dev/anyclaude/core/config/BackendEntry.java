package dev.anyclaude.core.config;

import java.util.Map;
import java.util.Objects;

/**
 * One entry of {@code "backends"}: its name (the key), the plugin type that serves it ({@code "type"}, default
 * the key), whether it is enabled, and the whole block as the plugin's config.
 */
public record BackendEntry(String name, String type, boolean enabled, Map<String, Object> settings) {
    public BackendEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }

    /** An enabled entry whose type is its name, with no settings. */
    public static BackendEntry implicit(String name) {
        return new BackendEntry(name, name, true, Map.of());
    }
}
