package dev.anyclaude.plugins.toolcalls.request;

import dev.anyclaude.api.model.Tool;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The newer Mistral models (Devstral, Magistral, Ministral 3): tools inside
 * {@code [AVAILABLE_TOOLS]..[/AVAILABLE_TOOLS]}, each call as {@code [TOOL_CALLS]NAME[ARGS]{json}}, each result
 * as {@code [TOOL_RESULTS]..[/TOOL_RESULTS]}.
 */
final class DevstralPrompt implements PromptFormat {

    @Override
    public String name() {
        return "devstral";
    }

    @Override
    public String describe(List<Tool> tools) {
        return "[AVAILABLE_TOOLS]" + ToolJson.write(tools.stream().map(ToolJson::openAiFunction).toList())
                + "[/AVAILABLE_TOOLS]\n\n"
                + "To call a tool, write [TOOL_CALLS] then the tool's name, [ARGS] and its arguments as a JSON "
                + "object, once per call and nothing after the last one:\n"
                + "[TOOL_CALLS]<function-name>[ARGS]<args-json-object>";
    }

    @Override
    public String calls(List<PrintedCall> calls) {
        return calls.stream().map(call -> "[TOOL_CALLS]" + call.name() + "[ARGS]" + ToolJson.write(call.input()))
                .collect(Collectors.joining());
    }

    @Override
    public String results(List<PrintedResult> results) {
        return results.stream().map(result -> "[TOOL_RESULTS]" + result.body() + "[/TOOL_RESULTS]")
                .collect(Collectors.joining("\n"));
    }
}
