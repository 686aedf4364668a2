package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.model.Tool;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the GLM-4.5+ body of a {@code <tool_call>}: {@code NAME<arg_key>k</arg_key><arg_value>v</arg_value>...};
 * values are raw strings, or JSON for properties whose schema type is not a string.
 */
final class GlmCall {
    private static final Pattern NAME = Pattern.compile("^\\s*([\\w.\\-]+)\\s*");
    private static final Pattern ARG = Pattern.compile(
            "\\s*<arg_key>(.*?)</arg_key>\\s*<arg_value>(.*?)</arg_value>\\s*", Pattern.DOTALL);

    private GlmCall() {
    }

    /** The call, or empty when the body is not this format, the tool unknown or the input invalid. */
    static Optional<ParsedCall> read(String body, ToolCallParser parser) {
        Matcher name = NAME.matcher(body);
        if (!name.lookingAt() || !parser.declares(name.group(1))) {
            return Optional.empty();
        }
        Tool tool = parser.tools().get(name.group(1));
        Map<String, Object> input = new LinkedHashMap<>();
        Matcher arg = ARG.matcher(body);
        int at = name.end();
        while (at < body.length()) {
            if (!arg.find(at) || arg.start() != at) {
                return Optional.empty();
            }
            String key = arg.group(1).strip();
            input.put(key, SchemaCheck.rawValue(tool, key, arg.group(2)));
            at = arg.end();
        }
        return parser.call(tool.name(), input);
    }
}
