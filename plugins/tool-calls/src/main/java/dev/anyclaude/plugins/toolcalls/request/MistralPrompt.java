package dev.anyclaude.plugins.toolcalls.request;

import dev.anyclaude.api.model.Tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Mistral v0.3 / Nemo: tools as a JSON list inside {@code [AVAILABLE_TOOLS]..[/AVAILABLE_TOOLS]}, the calls of a
 * turn as one {@code [TOOL_CALLS] [{"name":..,"arguments":{..},"id":..}]} list, each result as
 * {@code [TOOL_RESULTS] {"content":..,"call_id":..}[/TOOL_RESULTS]}. The template wants 9-character alphanumeric
 * call ids; they are made from the call's number in the conversation.
 */
final class MistralPrompt implements PromptFormat {

    @Override
    public String name() {
        return "mistral";
    }

    @Override
    public String describe(List<Tool> tools) {
        return "[AVAILABLE_TOOLS] " + ToolJson.write(tools.stream().map(ToolJson::openAiFunction).toList())
                + "[/AVAILABLE_TOOLS]\n\n"
                + "To call tools, answer with [TOOL_CALLS] followed by a JSON list of calls and nothing after it:\n"
                + "[TOOL_CALLS] [{\"name\": <function-name>, \"arguments\": <args-json-object>}]";
    }

    @Override
    public String calls(List<PrintedCall> calls) {
        return "[TOOL_CALLS] " + calls.stream().map(call -> {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("name", call.name());
            object.put("arguments", call.input());
            object.put("id", callId(call));
            return ToolJson.write(object);
        }).collect(Collectors.joining(", ", "[", "]"));
    }

    @Override
    public String results(List<PrintedResult> results) {
        return results.stream().map(result -> {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("content", result.body());
            object.put("call_id", callId(result.call()));
            return "[TOOL_RESULTS] " + ToolJson.write(object) + "[/TOOL_RESULTS]";
        }).collect(Collectors.joining("\n"));
    }

    /** A 9-character alphanumeric id, as Mistral's template requires: {@code call00007}. */
    static String callId(PrintedCall call) {
        return "call%05d".formatted(call.number() % 100_000);
    }
}
