package dev.anyclaude.plugins.toolcalls;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Llama 3.x calls: bare JSON {@code {"name":..,"parameters"|"arguments":..}}, several joined by {@code ;},
 * optionally after {@code <|python_tag|>}; also a bare JSON array of such objects (Mistral's
 * {@code [TOOL_CALLS]} stripped). Without the tag, JSON is a call only when it is the whole message (in force
 * mode: wherever it stands); an ordinary JSON answer is let go as soon as its first key or name shows it is not
 * a call.
 */
final class LlamaFormat implements CallFormat {
    static final String PYTHON_TAG = "<|python_tag|>";

    @Override
    public List<String> starts(Collection<String> toolNames) {
        return List.of(PYTHON_TAG, "{", "[");
    }

    @Override
    public Outcome read(String text, Reading reading) {
        boolean tagged = text.startsWith(PYTHON_TAG);
        if (!tagged && !reading.bareAllowed()) {
            return Outcome.NotACall.INSTANCE;
        }
        boolean wholeMessage = !tagged && reading.mode() != ToolCallSettings.Mode.FORCE;
        List<Optional<ParsedCall>> calls = new ArrayList<>();
        int i = tagged ? PYTHON_TAG.length() : 0;
        while (true) {
            i = JsonText.skipBlank(text, i);
            if (i >= text.length()) {
                return reading.needMore();
            }
            int end = JsonText.end(text, i);
            if (end == JsonText.NOT_JSON || CallShape.rejects(CallShape.head(text, i, end), reading.parser())) {
                return Outcome.NotACall.INSTANCE;
            }
            if (end == JsonText.OPEN) {
                if (!reading.last()) {
                    return Outcome.NeedMore.INSTANCE;
                }
                add(calls, JsonText.read(text.substring(i), reading.closable()), reading.parser());
                return CallFormat.calls(text.length(), calls);
            }
            add(calls, JsonText.read(text.substring(i, end)), reading.parser());
            int after = JsonText.skipBlank(text, end);
            if (after < text.length() && text.charAt(after) == ';') {
                i = after + 1;
                continue;
            }
            if (after < text.length()) {
                return wholeMessage ? Outcome.NotACall.INSTANCE : CallFormat.calls(end, calls);
            }
            if (!reading.last()) {
                return Outcome.NeedMore.INSTANCE; // a ';' and another call, or prose, may follow
            }
            return CallFormat.calls(end, calls);
        }
    }

    private static void add(List<Optional<ParsedCall>> calls, Optional<Object> value, ToolCallParser parser) {
        if (value.isPresent() && value.get() instanceof List<?> list) {
            list.forEach(item -> calls.add(parser.fromObject(item)));
        } else {
            calls.add(value.flatMap(parser::fromObject));
        }
    }
}
