package dev.anyclaude.plugins.toolcalls.request;

import dev.anyclaude.api.model.Tool;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Qwen3-Coder: tools as an XML listing, each call as
 * {@code <tool_call><function=NAME><parameter=P>value</parameter></function></tool_call>} with raw values,
 * results inside {@code <tool_response>}. The wording follows the Qwen3-Coder chat template.
 */
final class QwenCoderPrompt implements PromptFormat {

    @Override
    public String name() {
        return "qwen3-coder";
    }

    @Override
    public String describe(List<Tool> tools) {
        StringBuilder listing = new StringBuilder();
        for (Tool tool : tools) {
            listing.append("<function>\n<name>").append(tool.name()).append("</name>\n");
            if (tool.description() != null && !tool.description().isBlank()) {
                listing.append("<description>").append(tool.description().strip()).append("</description>\n");
            }
            listing.append("<parameters>\n");
            Map<String, Object> schema = ToolJson.schema(tool);
            if (schema.get("properties") instanceof Map<?, ?> properties) {
                properties.forEach((name, property) -> parameter(listing, String.valueOf(name), property));
            }
            if (schema.get("required") instanceof List<?> required && !required.isEmpty()) {
                listing.append("<required>").append(ToolJson.write(required)).append("</required>\n");
            }
            listing.append("</parameters>\n</function>\n");
        }
        return """
                # Tools

                You have access to the following functions:

                <tools>
                %s</tools>

                If you choose to call a function ONLY reply in the following format with NO suffix:

                <tool_call>
                <function=example_function_name>
                <parameter=example_parameter_1>
                value_1
                </parameter>
                <parameter=example_parameter_2>
                This is the value for the second parameter
                that can span
                multiple lines
                </parameter>
                </function>
                </tool_call>

                <IMPORTANT>
                Reminder:
                - Function calls MUST follow the specified format: an inner <function=...></function> block must \
                be nested within <tool_call></tool_call> XML tags
                - Required parameters MUST be specified
                - You may provide optional reasoning for your function call in natural language BEFORE the \
                function call, but NOT after
                - If there is no function call available, answer the question like normal with your current \
                knowledge and do not tell the user about function calls
                </IMPORTANT>""".formatted(listing);
    }

    private static void parameter(StringBuilder listing, String name, Object property) {
        listing.append("<parameter>\n<name>").append(name).append("</name>\n");
        if (property instanceof Map<?, ?> details) {
            if (details.get("type") != null) {
                listing.append("<type>").append(ToolJson.rawValue(details.get("type"))).append("</type>\n");
            }
            if (details.get("description") instanceof String description && !description.isBlank()) {
                listing.append("<description>").append(description.strip()).append("</description>\n");
            }
            if (details.get("enum") instanceof List<?> values) {
                listing.append("<enum>").append(ToolJson.write(values)).append("</enum>\n");
            }
        }
        listing.append("</parameter>\n");
    }

    @Override
    public String calls(List<PrintedCall> calls) {
        return calls.stream().map(QwenCoderPrompt::call).collect(Collectors.joining("\n"));
    }

    private static String call(PrintedCall call) {
        StringBuilder text = new StringBuilder("<tool_call>\n<function=").append(call.name()).append(">\n");
        call.input().forEach((key, value) -> text.append("<parameter=").append(key).append(">\n")
                .append(ToolJson.rawValue(value)).append("\n</parameter>\n"));
        return text.append("</function>\n</tool_call>").toString();
    }

    @Override
    public String results(List<PrintedResult> results) {
        return HermesPrompt.toolResponses(results);
    }
}
