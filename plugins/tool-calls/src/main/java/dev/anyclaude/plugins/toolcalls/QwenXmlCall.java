package dev.anyclaude.plugins.toolcalls;

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
    private static final Pattern FUNCTION = Pattern.compile("^\\s*<function=([^>\\s]+)>(.*)</function>\\s*$", Pattern.DOTALL);
    private static final Pattern PARAMETER = Pattern.compile("<parameter=([^>\\s]+)>(.*?)</parameter>", Pattern.DOTALL);

    private QwenXmlCall() {
    }

    /** True when the body looks like this format. */
    static boolean matches(String body) {
        return body.stripLeading().startsWith("<function=");
    }

    /** The call, or empty when the body is malformed, the tool unknown or the input invalid. */
    static Optional<ParsedCall> read(String body, ToolCallParser parser) {
        Matcher function = FUNCTION.matcher(body);
        if (!function.matches() || !parser.declares(function.group(1))) {
            return Optional.empty();
        }
        Tool tool = parser.tools().get(function.group(1));
        String parameters = function.group(2);
        Map<String, Object> input = new LinkedHashMap<>();
        Matcher parameter = PARAMETER.matcher(parameters);
        int last = 0;
        while (parameter.find()) {
            if (!parameters.substring(last, parameter.start()).isBlank()) {
                return Optional.empty();
            }
            input.put(parameter.group(1), SchemaCheck.rawValue(tool, parameter.group(1), trimNewline(parameter.group(2))));
            last = parameter.end();
        }
        if (!parameters.substring(last).isBlank()) {
            return Optional.empty();
        }
        return parser.call(tool.name(), input);
    }

    private static String trimNewline(String value) {
        String v = value.startsWith("\n") ? value.substring(1) : value;
        return v.endsWith("\n") ? v.substring(0, v.length() - 1) : v;
    }
}
