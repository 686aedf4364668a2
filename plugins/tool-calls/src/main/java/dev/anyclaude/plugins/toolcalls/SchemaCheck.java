package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.model.Tool;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a printed call's input against the tool's {@code input_schema}, top-level properties only: required keys
 * present, each value of its declared type, where numbers, integers and booleans given as strings are coerced
 * and a string given as a number or boolean is written as text. Anything else is rejected: the call stays text.
 */
final class SchemaCheck {
    private SchemaCheck() {
    }

    /** The input made valid, or empty when it cannot be. */
    static Optional<Map<String, Object>> validate(Tool tool, Map<String, Object> input) {
        Map<String, Object> schema = tool.inputSchema() == null ? Map.of() : tool.inputSchema();
        if (schema.get("required") instanceof List<?> required) {
            for (Object key : required) {
                if (!input.containsKey(String.valueOf(key))) {
                    return Optional.empty();
                }
            }
        }
        if (!(schema.get("properties") instanceof Map<?, ?> properties)) {
            return Optional.of(input);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : input.entrySet()) {
            if (!(properties.get(entry.getKey()) instanceof Map<?, ?> property)) {
                if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
                    return Optional.empty();
                }
                out.put(entry.getKey(), entry.getValue());
                continue;
            }
            if (entry.getValue() == null) {
                if (allowsNull(property.get("type"))) {
                    out.put(entry.getKey(), null);
                }
                continue; // an optional key given as null is left out; a required one is caught below
            }
            Optional<Object> value = typed(property.get("type"), entry.getValue());
            if (value.isEmpty()) {
                return Optional.empty();
            }
            out.put(entry.getKey(), value.get());
        }
        if (schema.get("required") instanceof List<?> required && !out.keySet().containsAll(
                required.stream().map(String::valueOf).toList())) {
            return Optional.empty();
        }
        return Optional.of(out);
    }

    /**
     * A value printed as raw text (Qwen3-Coder parameters, GLM arg values): kept as text when the property is a
     * string or unknown, read as JSON otherwise (left as text when it is not JSON; {@link #validate} then
     * coerces or rejects it).
     */
    static Object rawValue(Tool tool, String key, String raw) {
        Map<String, Object> schema = tool.inputSchema() == null ? Map.of() : tool.inputSchema();
        if (schema.get("properties") instanceof Map<?, ?> properties && properties.get(key) instanceof Map<?, ?> p
                && p.get("type") != null && !"string".equals(p.get("type"))) {
            return JsonText.read(raw).orElse(raw);
        }
        return raw;
    }

    private static boolean allowsNull(Object types) {
        return types == null || "null".equals(types) || types instanceof List<?> list && list.contains("null");
    }

    /** The non-null value as one of the types ({@code "integer"} or {@code ["string","null"]}; none means any). */
    private static Optional<Object> typed(Object types, Object value) {
        if (types instanceof String type) {
            return as(type, value);
        }
        if (types instanceof List<?> list) {
            for (Object type : list) {
                if (type instanceof String t && matches(t, value)) {
                    return Optional.of(value);
                }
            }
            for (Object type : list) {
                Optional<Object> coerced = type instanceof String t ? as(t, value) : Optional.empty();
                if (coerced.isPresent()) {
                    return coerced;
                }
            }
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private static Optional<Object> as(String type, Object value) {
        if (matches(type, value)) {
            return Optional.of(value);
        }
        String text = value instanceof String s ? s.strip() : null;
        try {
            return switch (type) {
                case "integer" -> text != null ? Optional.of(integer(new BigDecimal(text)))
                        : value instanceof Number n ? Optional.of(integer(new BigDecimal(n.toString()))) : Optional.empty();
                case "number" -> text != null ? Optional.of(number(new BigDecimal(text))) : Optional.empty();
                case "boolean" -> "true".equalsIgnoreCase(text) ? Optional.of(true)
                        : "false".equalsIgnoreCase(text) ? Optional.of(false) : Optional.empty();
                case "string" -> value instanceof Number || value instanceof Boolean
                        ? Optional.of(String.valueOf(value)) : Optional.empty();
                case "array", "object" -> text != null ? JsonText.read(text).filter(v -> matches(type, v))
                        : Optional.empty();
                default -> Optional.empty();
            };
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty(); // not a number: the call cannot be made valid and stays text
        }
    }

    private static Object integer(BigDecimal value) {
        return value.stripTrailingZeros().scale() <= 0 ? value.longValueExact() : failInteger();
    }

    private static Object failInteger() {
        throw new ArithmeticException("not an integer");
    }

    private static Object number(BigDecimal value) {
        return value.stripTrailingZeros().scale() <= 0 ? (Object) value.longValueExact() : (Object) value.doubleValue();
    }

    private static boolean matches(String type, Object value) {
        return switch (type) {
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "array" -> value instanceof List<?>;
            case "object" -> value instanceof Map<?, ?>;
            case "null" -> value == null;
            default -> true;
        };
    }
}
