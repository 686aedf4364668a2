package dev.anyclaude.plugins.toolcalls;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kimi K2 calls: {@code <|tool_calls_section_begin|><|tool_call_begin|>functions.NAME:IDX
 * <|tool_call_argument_begin|>{..}<|tool_call_end|>..<|tool_calls_section_end|>}. The model's id
 * ({@code functions.NAME:IDX}) becomes an Anthropic-style id like every other call. With special tokens stripped
 * what is left is {@code functions.NAME:IDX{..}}, read too.
 */
final class KimiFormat implements CallFormat {
    private static final List<String> SECTION_BEGINS = List.of("<|tool_calls_section_begin|>", "<|tool_call_section_begin|>");
    private static final List<String> SECTION_ENDS = List.of("<|tool_calls_section_end|>", "<|tool_call_section_end|>");
    static final String CALL_BEGIN = "<|tool_call_begin|>";
    private static final String ARGUMENT_BEGIN = "<|tool_call_argument_begin|>";
    private static final String CALL_END = "<|tool_call_end|>";
    private static final Pattern ID = Pattern.compile("^\\s*(?:functions\\.)?([\\w.\\-]+?)(?::\\d+)?\\s*$");
    private static final Pattern STRIPPED = Pattern.compile("^functions\\.([\\w.\\-]+):(\\d*)\\s*");

    @Override
    public List<String> starts(Collection<String> toolNames) {
        List<String> starts = new ArrayList<>(SECTION_BEGINS);
        starts.add(CALL_BEGIN);
        toolNames.forEach(name -> starts.add("functions." + name + ":"));
        return starts;
    }

    @Override
    public Outcome read(String text, Reading reading) {
        if (text.startsWith("functions.")) {
            return stripped(text, reading);
        }
        String begin = SECTION_BEGINS.stream().filter(text::startsWith).findFirst().orElse(null);
        String endMarker = begin == null ? CALL_END : SECTION_ENDS.get(SECTION_BEGINS.indexOf(begin));
        int end = text.indexOf(endMarker);
        int length;
        String body;
        if (end >= 0) {
            length = end + endMarker.length();
            body = begin == null ? text.substring(0, length) : text.substring(begin.length(), end);
        } else if (begin != null && reading.last() && reading.closable()) {
            length = text.length();
            body = text.substring(begin.length());
        } else {
            return reading.needMore();
        }
        List<Optional<ParsedCall>> calls = new ArrayList<>();
        int at = JsonText.skipBlank(body, 0);
        while (at < body.length()) {
            int callEnd = body.indexOf(CALL_END, at);
            if (!body.startsWith(CALL_BEGIN, at) || callEnd < 0) {
                return Outcome.NotACall.INSTANCE;
            }
            calls.add(call(body.substring(at + CALL_BEGIN.length(), callEnd), reading.parser()));
            at = JsonText.skipBlank(body, callEnd + CALL_END.length());
        }
        return CallFormat.calls(length, calls);
    }

    private static Optional<ParsedCall> call(String inner, ToolCallParser parser) {
        int split = inner.indexOf(ARGUMENT_BEGIN);
        if (split < 0) {
            return Optional.empty();
        }
        Matcher id = ID.matcher(inner.substring(0, split));
        if (!id.matches()) {
            return Optional.empty();
        }
        return JsonText.read(inner.substring(split + ARGUMENT_BEGIN.length()))
                .flatMap(arguments -> parser.call(id.group(1), arguments));
    }

    private static Outcome stripped(String text, Reading reading) {
        Matcher id = STRIPPED.matcher(text);
        if (!id.lookingAt()) {
            return Outcome.NotACall.INSTANCE;
        }
        if (id.end() == text.length()) {
            return reading.needMore();
        }
        if (id.group(2).isEmpty()) {
            return Outcome.NotACall.INSTANCE;
        }
        int end = JsonText.end(text, id.end());
        if (end == JsonText.NOT_JSON) {
            return Outcome.NotACall.INSTANCE;
        }
        if (end == JsonText.OPEN) {
            return reading.needMore();
        }
        String name = id.group(1);
        return CallFormat.calls(end, List.of(JsonText.read(text.substring(id.end(), end))
                .flatMap(arguments -> reading.parser().call(name, arguments))));
    }
}
