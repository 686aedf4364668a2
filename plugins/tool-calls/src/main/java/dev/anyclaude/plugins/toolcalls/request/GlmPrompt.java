package dev.anyclaude.plugins.toolcalls.request;

import dev.anyclaude.api.model.Tool;

import java.util.List;
import java.util.stream.Collectors;

/**
 * GLM-4.5 / 4.6 / 4.7: tools as JSON lines inside {@code <tools></tools>}, each call as
 * {@code <tool_call>NAME\n<arg_key>k</arg_key>\n<arg_value>v</arg_value>\n</tool_call>} (strings raw, other values
 * JSON), results inside {@code <tool_response>}. The wording follows the GLM-4.5 chat template.
 */
final class GlmPrompt implements PromptFormat {

    @Override
    public String name() {
        return "glm";
    }

    @Override
    public String describe(List<Tool> tools) {
        String lines = tools.stream().map(tool -> ToolJson.write(ToolJson.function(tool)))
                .collect(Collectors.joining("\n"));
        return """
                # Tools

                You may call one or more functions to assist with the user query.

                You are provided with function signatures within <tools></tools> XML tags:
                <tools>
                %s
                </tools>

                For each function call, output the function name and arguments within the following XML format:
                <tool_call>{function-name}
                <arg_key>{arg-key-1}</arg_key>
                <arg_value>{arg-value-1}</arg_value>
                <arg_key>{arg-key-2}</arg_key>
                <arg_value>{arg-value-2}</arg_value>
                ...
                </tool_call>""".formatted(lines);
    }

    @Override
    public String calls(List<PrintedCall> calls) {
        return calls.stream().map(call -> {
            StringBuilder text = new StringBuilder("<tool_call>").append(call.name()).append('\n');
            call.input().forEach((key, value) -> text.append("<arg_key>").append(key).append("</arg_key>\n<arg_value>")
                    .append(ToolJson.rawValue(value)).append("</arg_value>\n"));
            return text.append("</tool_call>").toString();
        }).collect(Collectors.joining("\n"));
    }

    @Override
    public String results(List<PrintedResult> results) {
        return HermesPrompt.toolResponses(results);
    }
}
