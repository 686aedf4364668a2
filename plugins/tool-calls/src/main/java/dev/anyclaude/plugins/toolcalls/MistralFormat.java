package dev.anyclaude.plugins.toolcalls;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Mistral calls: {@code [TOOL_CALLS] [{"name":..,"arguments":..}, ..]} (7B v0.3, Nemo) and
 * {@code [TOOL_CALLS]NAME[ARGS]{..}} (Devstral, Magistral, Ministral 3; optionally {@code [CALL_ID]id} before
 * {@code [ARGS]}), each call with its own marker. There is no end marker: the region ends where its JSON closes
 * (so prose after it stays prose), or at the stream's end. With special tokens stripped the second form is
 * {@code NAME[ARGS]{..}} or {@code NAME{..}}; the last one is taken only as the whole message (or in force mode).
 */
final class MistralFormat implements CallFormat {
    static final String MARKER = "[TOOL_CALLS]";
    private static final String ARGS = "[ARGS]";
    private static final String CALL_ID = "[CALL_ID]";

    @Override
    public List<String> starts(Collection<String> toolNames) {
        List<String> starts = new ArrayList<>();
        starts.add(MARKER);
        for (String name : toolNames) {
            starts.add(name + ARGS);
            starts.add(name + "{");
        }
        return starts;
    }

    @Override
    public Outcome read(String text, Reading reading) {
        boolean marked = text.startsWith(MARKER);
        int at = marked ? JsonText.skipBlank(text, MARKER.length()) : 0;
        if (at >= text.length()) {
            return reading.needMore();
        }
        char first = text.charAt(at);
        if (marked && (first == '[' || first == '{')) {
            return json(text, at, reading);
        }
        int nameEnd = Literal.nameEnd(text, at);
        if (nameEnd == text.length()) {
            return reading.needMore();
        }
        String name = text.substring(at, nameEnd);
        if (!reading.parser().declares(name)) {
            return Outcome.NotACall.INSTANCE;
        }
        int i = nameEnd;
        Literal callId = Literal.at(text, i, CALL_ID);
        if (callId == Literal.MAYBE) {
            return reading.needMore();
        }
        if (callId == Literal.YES) {
            i = Literal.nameEnd(text, i + CALL_ID.length());
            if (i == text.length()) {
                return reading.needMore();
            }
        }
        Literal args = Literal.at(text, i, ARGS);
        if (args == Literal.MAYBE) {
            return reading.needMore();
        }
        if (args == Literal.YES) {
            i += ARGS.length();
        } else if (marked ? text.charAt(i) != '{' : !reading.bareAllowed() || text.charAt(i) != '{') {
            return Outcome.NotACall.INSTANCE;
        }
        int end = JsonText.end(text, i);
        if (end == JsonText.NOT_JSON) {
            return Outcome.NotACall.INSTANCE;
        }
        if (end == JsonText.OPEN) {
            if (!reading.last()) {
                return Outcome.NeedMore.INSTANCE;
            }
            return CallFormat.calls(text.length(), List.of(JsonText.read(text.substring(i), reading.closable())
                    .flatMap(arguments -> reading.parser().call(name, arguments))));
        }
        return CallFormat.calls(end, List.of(JsonText.read(text.substring(i, end))
                .flatMap(arguments -> reading.parser().call(name, arguments))));
    }

    private static Outcome json(String text, int at, Reading reading) {
        int end = JsonText.end(text, at);
        String json;
        if (end == JsonText.OPEN) {
            if (!reading.last()) {
                return Outcome.NeedMore.INSTANCE;
            }
            end = text.length();
        }
        json = text.substring(at, end);
        Optional<Object> value = JsonText.read(json, reading.closable());
        List<Optional<ParsedCall>> calls = new ArrayList<>();
        if (value.isPresent() && value.get() instanceof List<?> list) {
            list.forEach(item -> calls.add(reading.parser().fromObject(item)));
        } else {
            calls.add(value.flatMap(reading.parser()::fromObject));
        }
        return CallFormat.calls(end, calls);
    }
}
