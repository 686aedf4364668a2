package dev.anyclaude.plugins.toolcalls.request;

import dev.anyclaude.api.model.Tool;

import java.util.List;
import java.util.stream.Collectors;

/**
 * DeepSeek V3 / R1: the tools as fenced JSON under {@code ## Tools}, the calls of a turn inside
 * {@code <｜tool▁calls▁begin｜>..<｜tool▁calls▁end｜>}, each as
 * {@code <｜tool▁call▁begin｜>function<｜tool▁sep｜>NAME\n```json\n{..}\n```<｜tool▁call▁end｜>}, and the results
 * inside {@code <｜tool▁outputs▁begin｜>..<｜tool▁outputs▁end｜>}. The bars are full-width (U+FF5C), the word
 * separators U+2581, as in the model's vocabulary.
 */
final class DeepSeekPrompt implements PromptFormat {
    static final String CALLS_BEGIN = "<｜tool▁calls▁begin｜>";
    static final String CALLS_END = "<｜tool▁calls▁end｜>";
    static final String CALL_BEGIN = "<｜tool▁call▁begin｜>";
    static final String CALL_END = "<｜tool▁call▁end｜>";
    static final String SEP = "<｜tool▁sep｜>";
    static final String OUTPUTS_BEGIN = "<｜tool▁outputs▁begin｜>";
    static final String OUTPUTS_END = "<｜tool▁outputs▁end｜>";
    static final String OUTPUT_BEGIN = "<｜tool▁output▁begin｜>";
    static final String OUTPUT_END = "<｜tool▁output▁end｜>";

    @Override
    public String name() {
        return "deepseek";
    }

    @Override
    public String describe(List<Tool> tools) {
        String listing = tools.stream()
                .map(tool -> "- `" + tool.name() + "`:\n```json\n" + ToolJson.write(ToolJson.function(tool)) + "\n```")
                .collect(Collectors.joining("\n"));
        return "## Tools\n### Function\n\nYou have the following functions available:\n\n" + listing
                + "\n\nTo call functions, answer with exactly this format (one " + CALL_BEGIN + ".." + CALL_END
                + " per call):\n" + CALLS_BEGIN + CALL_BEGIN + "function" + SEP
                + "<function-name>\n```json\n<args-json-object>\n```" + CALL_END + CALLS_END;
    }

    @Override
    public String calls(List<PrintedCall> calls) {
        return calls.stream()
                .map(call -> CALL_BEGIN + "function" + SEP + call.name() + "\n```json\n" + ToolJson.write(call.input())
                        + "\n```" + CALL_END)
                .collect(Collectors.joining("\n", CALLS_BEGIN, CALLS_END));
    }

    @Override
    public String results(List<PrintedResult> results) {
        return results.stream().map(result -> OUTPUT_BEGIN + result.body() + OUTPUT_END)
                .collect(Collectors.joining("\n", OUTPUTS_BEGIN, OUTPUTS_END));
    }
}
