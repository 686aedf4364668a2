package dev.anyclaude.plugins.toolcalls.request;

import dev.anyclaude.api.model.Tool;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * gpt-oss (harmony): tools as the TypeScript-like {@code namespace functions} of the developer message, each call
 * as {@code <|start|>assistant<|channel|>commentary to=functions.NAME <|constrain|>json<|message|>{json}<|call|>},
 * each result as {@code <|start|>functions.NAME to=assistant<|channel|>commentary<|message|>..<|end|>}.
 */
final class HarmonyPrompt implements PromptFormat {

    @Override
    public String name() {
        return "harmony";
    }

    @Override
    public String describe(List<Tool> tools) {
        StringBuilder text = new StringBuilder("# Tools\n\n## functions\n\nnamespace functions {\n\n");
        for (Tool tool : tools) {
            if (tool.description() != null && !tool.description().isBlank()) {
                text.append(comment(tool.description()));
            }
            text.append("type ").append(tool.name()).append(" = (");
            Map<String, Object> schema = ToolJson.schema(tool);
            if (schema.get("properties") instanceof Map<?, ?> properties && !properties.isEmpty()) {
                List<?> required = schema.get("required") instanceof List<?> list ? list : List.of();
                text.append("_: {\n");
                properties.forEach((name, property) -> {
                    Map<?, ?> details = property instanceof Map<?, ?> map ? map : Map.of();
                    if (details.get("description") instanceof String description && !description.isBlank()) {
                        text.append(comment(description));
                    }
                    text.append(name).append(required.contains(name) ? ": " : "?: ").append(type(details))
                            .append(",\n");
                });
                text.append('}');
            }
            text.append(") => any;\n\n");
        }
        return text.append("} // namespace functions\n\n")
                .append("Calls to these tools must go to the commentary channel: 'functions'. To call a tool, write:\n")
                .append("<|start|>assistant<|channel|>commentary to=functions.<function-name> <|constrain|>json")
                .append("<|message|><args-json-object><|call|>").toString();
    }

    private static String comment(String text) {
        return text.strip().lines().map(line -> "// " + line + "\n").collect(Collectors.joining());
    }

    private static String type(Map<?, ?> schema) {
        if (schema.get("enum") instanceof List<?> values && !values.isEmpty()) {
            return values.stream().map(ToolJson::write).collect(Collectors.joining(" | "));
        }
        Object type = schema.get("type");
        return switch (type instanceof String name ? name : "") {
            case "string" -> "string";
            case "integer", "number" -> "number";
            case "boolean" -> "boolean";
            case "array" -> (schema.get("items") instanceof Map<?, ?> items ? type(items) : "any") + "[]";
            case "object" -> "object";
            default -> "any";
        };
    }

    @Override
    public String calls(List<PrintedCall> calls) {
        return calls.stream().map(call -> "<|start|>assistant<|channel|>commentary to=functions." + call.name()
                + " <|constrain|>json<|message|>" + ToolJson.write(call.input()) + "<|call|>")
                .collect(Collectors.joining());
    }

    @Override
    public String results(List<PrintedResult> results) {
        return results.stream().map(result -> "<|start|>functions." + result.call().name()
                + " to=assistant<|channel|>commentary<|message|>" + result.body() + "<|end|>")
                .collect(Collectors.joining());
    }
}
