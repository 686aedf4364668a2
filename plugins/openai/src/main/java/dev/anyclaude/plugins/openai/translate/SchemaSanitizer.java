package dev.anyclaude.plugins.openai.translate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies a tool's JSON Schema without the keywords a server rejects. The walk knows where schemas nest
 * ({@code properties}, {@code items}, {@code anyOf}, {@code $defs}, ...), so a property that happens to be
 * called {@code format} is kept while the keyword {@code format} is removed. {@code $schema} is always removed
 * at the top (LiteLLM and CCR do the same; several servers reject it). Stateless and thread-safe.
 */
final class SchemaSanitizer {
    /** Keywords whose value maps names to schemas. */
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "$defs", "definitions",
            "dependentSchemas");
    /** Keywords whose value is a schema or a list of schemas. */
    private static final Set<String> SCHEMAS = Set.of("items", "prefixItems", "anyOf", "oneOf", "allOf", "not",
            "additionalProperties", "additionalItems", "unevaluatedProperties", "unevaluatedItems", "contains",
            "propertyNames", "if", "then", "else");

    private final Set<String> denied;

    SchemaSanitizer(Set<String> denied) {
        this.denied = Set.copyOf(denied);
    }

    /**
     * The sanitised schema: a copy where something is removed, parts of the original where nothing is (the caller
     * must not change them); a null schema becomes an empty object schema.
     */
    Map<String, Object> sanitize(Map<String, Object> schema) {
        if (schema == null) {
            Map<String, Object> empty = new LinkedHashMap<>();
            empty.put("type", "object");
            empty.put("properties", Map.of());
            return empty;
        }
        if (denied.isEmpty()) {
            // Only the top's $schema goes: the nested schemas are shared, not copied (a Claude Code turn's 12 tool
            // schemas copied whole were 6 % of the bytes its translation allocated).
            if (!schema.containsKey("$schema")) {
                return schema;
            }
            Map<String, Object> copy = new LinkedHashMap<>(schema);
            copy.remove("$schema");
            return copy;
        }
        Map<String, Object> copy = schema(schema);
        copy.remove("$schema");
        return copy;
    }

    private Map<String, Object> schema(Map<?, ?> schema) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : schema.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (denied.contains(key)) {
                continue;
            }
            Object value = entry.getValue();
            if (SCHEMA_MAPS.contains(key) && value instanceof Map<?, ?> map) {
                Map<String, Object> nested = new LinkedHashMap<>();
                map.forEach((name, sub) -> nested.put(String.valueOf(name), schemaOrValue(sub)));
                copy.put(key, nested);
            } else if (SCHEMAS.contains(key)) {
                copy.put(key, schemaOrValue(value));
            } else {
                copy.put(key, value);
            }
        }
        return copy;
    }

    private Object schemaOrValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return schema(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(schemaOrValue(item));
            }
            return copy;
        }
        return value;
    }
}
