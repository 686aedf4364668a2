package dev.anyclaude.plugins.toolcalls.request;

import dev.anyclaude.api.model.Tool;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Hermes, Qwen2.5 and Qwen3 (non-coder): tools as JSON lines inside {@code <tools></tools>}, each call as
 * {@code <tool_call>{"name":..,"arguments":{..}}</tool_call>}, results inside {@code <tool_response>}. The
 * wording is that of the Qwen2.5 chat template.
 */
final class HermesPrompt implements PromptFormat {

    @Override
    public String name() {
        return "hermes";
    }

    @Override
    public String describe(List<Tool> tools) {
        return """
                # Tools

                You may call one or more functions to assist with the user query.

                You are provided with function signatures within <tools></tools> XML tags:
                <tools>
                %s
                </tools>

                For each function call, return a json object with function name and arguments within \
                <tool_call></tool_call> XML tags:
                <tool_call>
                {"name": <function-name>, "arguments": <args-json-object>}
                </tool_call>""".formatted(ToolJson.openAiLines(tools));
    }

    @Override
    public String calls(List<PrintedCall> calls) {
        return calls.stream()
                .map(call -> "<tool_call>\n" + ToolJson.nameAndArguments(call, "arguments") + "\n</tool_call>")
                .collect(Collectors.joining("\n"));
    }

    @Override
    public String results(List<PrintedResult> results) {
        return toolResponses(results);
    }

    /** Each result inside {@code <tool_response>}, as the Qwen templates write the {@code tool} role. */
    static String toolResponses(List<PrintedResult> results) {
        return results.stream()
                .map(result -> "<tool_response>\n" + result.body() + "\n</tool_response>")
                .collect(Collectors.joining("\n"));
    }
}
