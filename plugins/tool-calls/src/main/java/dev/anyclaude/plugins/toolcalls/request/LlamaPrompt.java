package dev.anyclaude.plugins.toolcalls.request;

import dev.anyclaude.api.model.Tool;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Llama 3.1 / 3.2 / 3.3 JSON tool calling: the tools as JSON with the template's instruction, each call as a bare
 * {@code {"name":..,"parameters":{..}}}, several joined by {@code "; "}. Results belong to the {@code ipython}
 * role, which a chat API does not offer, so each is written in the user turn as
 * {@code <|python_tag|>}-free text that names the function.
 */
final class LlamaPrompt implements PromptFormat {

    @Override
    public String name() {
        return "llama";
    }

    @Override
    public String describe(List<Tool> tools) {
        String functions = tools.stream().map(tool -> ToolJson.write(ToolJson.openAiFunction(tool)))
                .collect(Collectors.joining("\n\n"));
        return "Given the following functions, please respond with a JSON for a function call with its proper "
                + "arguments that best answers the given prompt.\n\n"
                + "Respond in the format {\"name\": function name, \"parameters\": dictionary of argument name and "
                + "its value}. Do not use variables. Respond with the JSON alone, several calls separated by "
                + "\"; \".\n\n" + functions;
    }

    @Override
    public String calls(List<PrintedCall> calls) {
        return calls.stream().map(call -> ToolJson.nameAndArguments(call, "parameters"))
                .collect(Collectors.joining("; "));
    }

    @Override
    public String results(List<PrintedResult> results) {
        return outputs(results);
    }

    /** Each result as {@code Output of the function NAME:} and its text. */
    static String outputs(List<PrintedResult> results) {
        return results.stream()
                .map(result -> "Output of the function " + result.call().name() + ":\n" + result.body())
                .collect(Collectors.joining("\n\n"));
    }
}
