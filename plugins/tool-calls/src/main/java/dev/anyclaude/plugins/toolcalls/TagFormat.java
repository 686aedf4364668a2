package dev.anyclaude.plugins.toolcalls;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code <tool_call>BODY</tool_call>}, the tag shared by three families that differ in the body: Hermes / Qwen
 * JSON ({@code {"name":..,"arguments":..}}), Qwen3-Coder XML ({@code <function=..>}) and GLM
 * ({@code NAME<arg_key>..}). A JSON body cut off by the end of a stream that ended normally is closed when safe.
 */
final class TagFormat implements CallFormat {
    static final String OPEN = "<tool_call>";
    static final String CLOSE = "</tool_call>";

    private final Set<Family> bodies;

    /** @param bodies the families whose bodies are read (HERMES, QWEN3_CODER, GLM) */
    TagFormat(Set<Family> bodies) {
        this.bodies = Set.copyOf(bodies);
    }

    @Override
    public List<String> starts(Collection<String> toolNames) {
        return List.of(OPEN);
    }

    @Override
    public Outcome read(String text, Reading reading) {
        int end = text.indexOf(CLOSE);
        if (end < 0) {
            if (!reading.last() || !reading.closable()) {
                return reading.needMore();
            }
            String body = text.substring(OPEN.length());
            int jsonEnd = JsonText.end(body, 0);
            if (jsonEnd >= 0 && JsonText.skipBlank(body, jsonEnd) < body.length()) {
                return Outcome.NotACall.INSTANCE; // prose after an unclosed call: not a call cut short
            }
            return CallFormat.calls(text.length(), body(body, reading, true));
        }
        return CallFormat.calls(end + CLOSE.length(), body(text.substring(OPEN.length(), end), reading, false));
    }

    private List<Optional<ParsedCall>> body(String body, Reading reading, boolean close) {
        String trimmed = body.strip();
        ToolCallParser parser = reading.parser();
        if (trimmed.startsWith("<function=")) {
            return bodies.contains(Family.QWEN3_CODER) ? List.of(QwenXmlCall.read(body, parser)) : List.of();
        }
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            if (!bodies.contains(Family.HERMES)) {
                return List.of();
            }
            Optional<Object> json = JsonText.read(trimmed, close);
            if (json.isPresent() && json.get() instanceof List<?> list) {
                List<Optional<ParsedCall>> calls = new ArrayList<>();
                list.forEach(item -> calls.add(parser.fromObject(item)));
                return calls;
            }
            return List.of(json.flatMap(parser::fromObject));
        }
        return bodies.contains(Family.GLM) && !close ? List.of(GlmCall.read(body, parser)) : List.of();
    }
}
