package dev.anyclaude.plugins.toolcalls;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.api.model.Tool;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a printed call into a {@link ParsedCall}, only when it names a declared tool and its arguments can be
 * made valid for that tool's input schema ({@link SchemaCheck}).
 */
final class ToolCallParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ARGUMENT_KEYS = Set.of("arguments", "parameters", "input", "args");

    /** The request's tools, read into {@link #tools} when a call is first read; null once read. */
    private List<Tool> declared;
    private Map<String, Tool> tools;

    /** @param tools the declared tools by name, which the caller no longer changes (kept as they are, not copied) */
    ToolCallParser(Map<String, Tool> tools) {
        this.tools = Collections.unmodifiableMap(tools);
    }

    private ToolCallParser(List<Tool> declared) {
        this.declared = declared;
    }

    /**
     * The parser for a request's {@code tools}: its client tools ({@link #clientTools}), sorted by name only when a
     * printed call is first read, so an answer without one never pays for it. Not thread-safe, like the stream
     * that uses it.
     */
    static ToolCallParser forRequest(List<Tool> declared) {
        return new ToolCallParser(declared);
    }

    /** The declared tools by name. */
    Map<String, Tool> tools() {
        if (tools == null) {
            tools = Collections.unmodifiableMap(clientTools(declared));
            declared = null;
        }
        return tools;
    }

    /** The tools the client runs itself (not server tools such as {@code web_search_*}) by name, in order. */
    static Map<String, Tool> clientTools(List<Tool> declared) {
        Map<String, Tool> byName = new LinkedHashMap<>();
        if (declared != null) {
            for (Tool tool : declared) {
                if (isClientTool(tool)) {
                    byName.put(tool.name(), tool);
                }
            }
        }
        return byName;
    }

    /** True when the request declares a tool the client runs itself. */
    static boolean anyClientTool(List<Tool> declared) {
        if (declared != null) {
            for (int i = 0; i < declared.size(); i++) {
                if (isClientTool(declared.get(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean isClientTool(Tool tool) {
        return tool.isClientTool() && tool.name() != null;
    }

    /** True when a tool of this name was declared. */
    boolean declares(String name) {
        return tools().containsKey(name);
    }

    /** The call in this JSON text ({@code {"name":..,"arguments"|"parameters":..}}), or empty. */
    Optional<ParsedCall> parseJson(String json, boolean close) {
        return JsonText.read(json, close).flatMap(this::fromObject);
    }

    /** The call in a parsed JSON value ({@code {"name":..,"arguments":..}}, or OpenAI's {@code {"function":{..}}}). */
    Optional<ParsedCall> fromObject(Object value) {
        if (!(value instanceof Map<?, ?> object)) {
            return Optional.empty();
        }
        if (!object.containsKey("name") && object.get("function") instanceof Map<?, ?> function) {
            object = function;
        }
        if (!(object.get("name") instanceof String name)) {
            return Optional.empty();
        }
        Object arguments = null;
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (ARGUMENT_KEYS.contains(key)) {
                arguments = entry.getValue();
            } else if (!key.equals("name") && !key.equals("type") && !key.equals("id")) {
                return Optional.empty(); // more than a call: an answer that happens to have a "name"
            }
        }
        return call(name, arguments);
    }

    /** The call of this tool with these arguments (a map, JSON text or null), or empty. */
    Optional<ParsedCall> call(String name, Object arguments) {
        Tool tool = tools().get(name == null ? null : name.strip());
        if (tool == null) {
            return Optional.empty();
        }
        if (arguments instanceof String text) {
            if (text.isBlank()) {
                arguments = Map.of();
            } else {
                Optional<Object> parsed = JsonText.read(text);
                if (parsed.isEmpty()) {
                    return Optional.empty();
                }
                arguments = parsed.get();
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
        return SchemaCheck.validate(tool, input).map(valid -> new ParsedCall(tool.name(), valid));
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
