package dev.anyclaude.plugins.toolcalls;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * DeepSeek calls, with full-width bars and {@code ▁}: V3 / R1
 * {@code <｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>NAME\n```json\n{..}\n```<｜tool▁call▁end｜>
 * ..<｜tool▁calls▁end｜>}, and V3.1 {@code <｜tool▁call▁begin｜>NAME<｜tool▁sep｜>{..}<｜tool▁call▁end｜>} (no
 * {@code function}, no fence). A call without the section markers around it is read too.
 */
final class DeepSeekFormat implements CallFormat {
    static final String CALLS_BEGIN = "<｜tool▁calls▁begin｜>";
    static final String CALLS_END = "<｜tool▁calls▁end｜>";
    static final String CALL_BEGIN = "<｜tool▁call▁begin｜>";
    static final String CALL_END = "<｜tool▁call▁end｜>";
    static final String SEP = "<｜tool▁sep｜>";

    @Override
    public List<String> starts(Collection<String> toolNames) {
        return List.of(CALLS_BEGIN, CALL_BEGIN);
    }

    @Override
    public Outcome read(String text, Reading reading) {
        boolean section = text.startsWith(CALLS_BEGIN);
        String endMarker = section ? CALLS_END : CALL_END;
        int end = text.indexOf(endMarker);
        int length;
        String body;
        if (end >= 0) {
            length = end + endMarker.length();
            body = section ? text.substring(CALLS_BEGIN.length(), end) : text.substring(0, length);
        } else if (section && reading.last() && reading.closable()) {
            length = text.length(); // the stream ended normally without the section's end marker
            body = text.substring(CALLS_BEGIN.length());
        } else {
            return reading.needMore();
        }
        return CallFormat.calls(length, calls(body, reading.parser()));
    }

    private static List<Optional<ParsedCall>> calls(String body, ToolCallParser parser) {
        List<Optional<ParsedCall>> calls = new ArrayList<>();
        int at = JsonText.skipBlank(body, 0);
        while (at < body.length()) {
            int end = body.indexOf(CALL_END, at);
            if (!body.startsWith(CALL_BEGIN, at) || end < 0) {
                return List.of(Optional.empty());
            }
            calls.add(call(body.substring(at + CALL_BEGIN.length(), end), parser));
            at = JsonText.skipBlank(body, end + CALL_END.length());
        }
        return calls;
    }

    private static Optional<ParsedCall> call(String inner, ToolCallParser parser) {
        int sep = inner.indexOf(SEP);
        if (sep < 0) {
            return Optional.empty();
        }
        String before = inner.substring(0, sep).strip();
        String after = inner.substring(sep + SEP.length()).strip();
        String name;
        if (before.equals("function")) {
            int newline = after.indexOf('\n');
            int brace = after.indexOf('{');
            int cut = newline >= 0 ? newline : brace >= 0 ? brace : after.length();
            name = after.substring(0, cut).strip();
            after = after.substring(cut).strip();
        } else {
            name = before;
        }
        if (after.startsWith("```")) {
            int firstLine = after.indexOf('\n');
            int close = after.lastIndexOf("```");
            if (firstLine < 0 || close <= firstLine) {
                return Optional.empty();
            }
            after = after.substring(firstLine + 1, close);
        }
        return JsonText.read(after).flatMap(arguments -> parser.call(name, arguments));
    }
}
