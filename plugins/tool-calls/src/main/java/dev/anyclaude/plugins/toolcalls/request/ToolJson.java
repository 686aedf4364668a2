package dev.anyclaude.plugins.toolcalls.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.api.model.Tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON pieces the formats share: compact JSON text, a tool as an OpenAI function, values as raw text. */
final class ToolJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolJson() {
    }

    /** The value as compact JSON, map keys in their order. */
    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not writable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The tool's input schema without {@code $schema}, which only adds noise to a prompt; never null. */
    static Map<String, Object> schema(Tool tool) {
        Map<String, Object> schema = new LinkedHashMap<>(tool.inputSchema() == null
                ? Map.of("type", "object", "properties", Map.of()) : tool.inputSchema());
        schema.remove("$schema");
        return schema;
    }

    /** {@code {"name","description","parameters"}}: a tool as most chat templates list it. */
    static Map<String, Object> function(Tool tool) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", tool.name());
        function.put("description", tool.description() == null ? "" : tool.description());
        function.put("parameters", schema(tool));
        return function;
    }

    /** {@code {"type":"function","function":{...}}}: the OpenAI form, as Hermes, Qwen and Mistral list tools. */
    static Map<String, Object> openAiFunction(Tool tool) {
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put("type", "function");
        wrapped.put("function", function(tool));
        return wrapped;
    }

    /** One JSON line per tool, in the OpenAI form. */
    static String openAiLines(List<Tool> tools) {
        StringBuilder lines = new StringBuilder();
        for (Tool tool : tools) {
            lines.append(lines.isEmpty() ? "" : "\n").append(write(openAiFunction(tool)));
        }
        return lines.toString();
    }

    /** {@code {"name":..,"arguments":{..}}}, the call object of the JSON formats. */
    static String nameAndArguments(PrintedCall call, String argumentsKey) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("name", call.name());
        object.put(argumentsKey, call.input());
        return write(object);
    }

    /** An argument value as XML formats print it: strings raw, anything else as JSON. */
    static String rawValue(Object value) {
        return value instanceof String text ? text : write(value);
    }
}
