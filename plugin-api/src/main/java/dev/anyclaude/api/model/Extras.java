package dev.anyclaude.api.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers for the {@code extra} maps that carry JSON fields a record does not model, unchanged. */
final class Extras {
    private Extras() {
    }

    /** An immutable copy without the discriminator field {@code type}, which the record writes itself. */
    static Map<String, Object> copy(Map<String, Object> extra) {
        if (extra == null || extra.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>(extra);
        copy.remove("type");
        return Collections.unmodifiableMap(copy);
    }

    /** An immutable copy of all fields, the {@code type} included. */
    static Map<String, Object> copyAll(Map<String, Object> fields) {
        return fields == null || fields.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
