package dev.anyclaude.plugins.toolcalls;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.api.model.Tool;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Qwen3-Coder body of a tool call, {@code <function=NAME><parameter=P>value</parameter></function>}:
 * values are text, typed by the tool's input schema (strings kept, others read as JSON).
 */
final class QwenXmlCall {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FUNCTION = Pattern.compile("^\\s*<function=([^>\\s]+)>(.*)</function>\\s*$", Pattern.DOTALL);
    private static final Pattern PARAMETER = Pattern.compile("<parameter=([^>\\s]+)>(.*?)</parameter>", Pattern.DOTALL);

    private QwenXmlCall() {
    }

    /** True when the body looks like this format. */
    static boolean matches(String body) {
        return body.stripLeading().startsWith("<function=");
    }

    /** The function name and raw input, or empty when the body is malformed or the tool unknown. */
    static Optional<Map.Entry<String, Map<String, Object>>> read(String body, Map<String, Tool> tools) {
        Matcher function = FUNCTION.matcher(body);
        if (!function.matches() || !tools.containsKey(function.group(1))) {
            return Optional.empty();
        }
        Tool tool = tools.get(function.group(1));
        Map<String, Object> input = new LinkedHashMap<>();
        Matcher parameter = PARAMETER.matcher(function.group(2));
        int last = 0;
        while (parameter.find()) {
            if (!function.group(2).substring(last, parameter.start()).isBlank()) {
                return Optional.empty();
            }
            input.put(parameter.group(1), typed(tool, parameter.group(1), trimNewline(parameter.group(2))));
            last = parameter.end();
        }
        if (!function.group(2).substring(last).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Map.entry(tool.name(), input));
    }

    private static String trimNewline(String value) {
        String v = value.startsWith("\n") ? value.substring(1) : value;
        return v.endsWith("\n") ? v.substring(0, v.length() - 1) : v;
    }

    private static Object typed(Tool tool, String name, String value) {
        Map<String, Object> schema = tool.inputSchema() == null ? Map.of() : tool.inputSchema();
        if (schema.get("properties") instanceof Map<?, ?> properties && properties.get(name) instanceof Map<?, ?> p
                && p.get("type") instanceof String type && !"string".equals(type)) {
            try {
                return JSON.readValue(value, Object.class);
            } catch (Exception e) {
                return value; // left as text: the schema check coerces or rejects it
            }
        }
        return value;
    }
}
