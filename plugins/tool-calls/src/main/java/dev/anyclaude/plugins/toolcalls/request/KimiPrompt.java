package dev.anyclaude.plugins.toolcalls.request;

import dev.anyclaude.api.model.Tool;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Kimi K2: tools as a JSON list, the calls of a turn inside
 * {@code <|tool_calls_section_begin|>..<|tool_calls_section_end|>}, each as
 * {@code <|tool_call_begin|>functions.NAME:N<|tool_call_argument_begin|>{json}<|tool_call_end|>} with N the
 * call's number in the conversation, and each result as {@code ## Return of functions.NAME:N} followed by its
 * text, as the K2 template writes the {@code tool} role.
 */
final class KimiPrompt implements PromptFormat {
    static final String SECTION_BEGIN = "<|tool_calls_section_begin|>";
    static final String SECTION_END = "<|tool_calls_section_end|>";
    static final String CALL_BEGIN = "<|tool_call_begin|>";
    static final String ARGUMENT_BEGIN = "<|tool_call_argument_begin|>";
    static final String CALL_END = "<|tool_call_end|>";

    @Override
    public String name() {
        return "kimi";
    }

    @Override
    public String describe(List<Tool> tools) {
        return "# Tools\n\n" + ToolJson.write(tools.stream().map(ToolJson::openAiFunction).toList())
                + "\n\nTo call tools, answer with one section that holds one entry per call, N counting the calls of "
                + "the conversation from 0:\n" + SECTION_BEGIN + CALL_BEGIN + "functions.<function-name>:N"
                + ARGUMENT_BEGIN + "<args-json-object>" + CALL_END + SECTION_END;
    }

    @Override
    public String calls(List<PrintedCall> calls) {
        return calls.stream()
                .map(call -> CALL_BEGIN + id(call) + ARGUMENT_BEGIN + ToolJson.write(call.input()) + CALL_END)
                .collect(Collectors.joining("", SECTION_BEGIN, SECTION_END));
    }

    @Override
    public String results(List<PrintedResult> results) {
        return results.stream().map(result -> "## Return of " + id(result.call()) + "\n" + result.body())
                .collect(Collectors.joining("\n\n"));
    }

    private static String id(PrintedCall call) {
        return "functions." + call.name() + ":" + call.number();
    }
}
