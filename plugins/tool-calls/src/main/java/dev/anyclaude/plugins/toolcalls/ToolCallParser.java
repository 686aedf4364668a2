package dev.anyclaude.plugins.toolcalls;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.api.model.Tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the body of one printed tool call ({@code {"name":..,"arguments"|"parameters":{..}}}) and accepts it
 * only when it names a declared tool and its arguments can be made valid for that tool's input schema.
 */
final class ToolCallParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Map<String, Tool> tools;

    ToolCallParser(Map<String, Tool> tools) {
        this.tools = Map.copyOf(tools);
    }

    /** The call in the body of a {@code <tool_call>}: Hermes JSON or Qwen3-Coder XML; empty when not valid. */
    Optional<ParsedCall> parseBody(String body) {
        if (QwenXmlCall.matches(body)) {
            return QwenXmlCall.read(body, tools).flatMap(call -> validate(tools.get(call.getKey()), call.getValue())
                    .map(valid -> new ParsedCall(call.getKey(), valid)));
        }
        return parseJson(body);
    }

    /** The call in this JSON text, or empty when it is not a valid call of a declared tool. */
    Optional<ParsedCall> parseJson(String json) {
        Map<String, Object> object;
        try {
            object = JSON.readValue(json.strip(), MAP);
        } catch (Exception e) {
            return Optional.empty();
        }
        if (object == null || !(object.get("name") instanceof String name) || !tools.containsKey(name)) {
            return Optional.empty();
        }
        Object arguments = object.containsKey("arguments") ? object.get("arguments") : object.get("parameters");
        if (arguments instanceof String text) {
            try {
                arguments = text.isBlank() ? Map.of() : JSON.readValue(text, MAP);
            } catch (Exception e) {
                return Optional.empty();
            }
        }
        if (arguments == null) {
            arguments = Map.of();
        }
        if (!(arguments instanceof Map<?, ?> raw)) {
            return Optional.empty();
        }
        Map<String, Object> input = new LinkedHashMap<>();
        raw.forEach((k, v) -> input.put(String.valueOf(k), v));
        return validate(tools.get(name), input).map(valid -> new ParsedCall(name, valid));
    }

    /** Required keys present; numbers and booleans given as strings coerced; else empty. */
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
        Map<String, Object> out = new LinkedHashMap<>(input);
        for (Map.Entry<String, Object> entry : input.entrySet()) {
            if (properties.get(entry.getKey()) instanceof Map<?, ?> property
                    && property.get("type") instanceof String type && entry.getValue() instanceof String text) {
                // A string stays exactly as printed: a file's content keeps its last newline.
                Optional<Object> coerced = "string".equals(type) ? Optional.of(text) : coerce(type, text.strip());
                if (coerced.isEmpty()) {
                    return Optional.empty();
                }
                out.put(entry.getKey(), coerced.get());
            }
        }
        return Optional.of(out);
    }

    private static Optional<Object> coerce(String type, String text) {
        try {
            return switch (type) {
                case "integer" -> Optional.of(Long.parseLong(text));
                case "number" -> Optional.of(text.contains(".") || text.contains("e") || text.contains("E")
                        ? (Object) Double.parseDouble(text) : (Object) Long.parseLong(text));
                case "boolean" -> "true".equalsIgnoreCase(text) ? Optional.of(true)
                        : "false".equalsIgnoreCase(text) ? Optional.of(false) : Optional.empty();
                default -> Optional.of(text);
            };
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The input as JSON text for an {@code input_json_delta}. */
    static String toJson(Map<String, Object> input) {
        try {
            return JSON.writeValueAsString(input);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
