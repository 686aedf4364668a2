package dev.anyclaude.plugins.toolcalls.request;

import dev.anyclaude.api.model.Tool;

import java.util.List;
import java.util.stream.Collectors;

/**
 * For a model without a tool format of its own: tools as JSON lines, each call as a fenced
 * {@code ```json {"name":..,"arguments":{..}} ```} block, results as text that names the function.
 */
final class FencedJsonPrompt implements PromptFormat {

    @Override
    public String name() {
        return "json";
    }

    @Override
    public String describe(List<Tool> tools) {
        return "# Tools\n\nYou may call these functions, listed as JSON, one per line:\n"
                + ToolJson.openAiLines(tools)
                + "\n\nTo call a function, answer with one fenced JSON block per call and nothing after the last one:\n"
                + "```json\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n```";
    }

    @Override
    public String calls(List<PrintedCall> calls) {
        return calls.stream().map(call -> "```json\n" + ToolJson.nameAndArguments(call, "arguments") + "\n```")
                .collect(Collectors.joining("\n"));
    }

    @Override
    public String results(List<PrintedResult> results) {
        return LlamaPrompt.outputs(results);
    }
}
