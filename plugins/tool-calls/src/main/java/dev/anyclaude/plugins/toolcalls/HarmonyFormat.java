package dev.anyclaude.plugins.toolcalls;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * gpt-oss (harmony) output printed with its special tokens: a header up to {@code <|message|>} names the channel
 * and maybe a recipient. {@code commentary to=functions.NAME <|constrain|>json<|message|>{..}} is a call;
 * the {@code analysis} channel is reasoning and becomes a thinking block; {@code final} (and commentary without a
 * recipient) is answer text, so only its header is dropped. The terminators {@code <|end|>}, {@code <|return|>}
 * and {@code <|call|>} are dropped. With special tokens stripped a call reads
 * {@code commentary to=functions.NAME json{..}}, matched too.
 */
final class HarmonyFormat implements CallFormat {
    private static final String MESSAGE = "<|message|>";
    private static final String STRIPPED = "commentary to=functions.";
    private static final List<String> DROPPED = List.of("<|end|>", "<|return|>", "<|call|>");
    private static final List<String> BODY_ENDS = List.of("<|end|>", "<|return|>", "<|call|>", "<|start|>", "<|channel|>");
    private static final Pattern RECIPIENT = Pattern.compile("to=([\\w.\\-]+)");
    private static final Pattern CHANNEL = Pattern.compile("<\\|channel\\|>\\s*(\\w+)");
    private static final Pattern BEFORE_ARGUMENTS = Pattern.compile(
            "^\\s*(?:<\\|constrain\\|>)?\\s*(?:json)?\\s*(?:<\\|message\\|>)?\\s*$");
    private static final int MAX_HEADER = 200;

    @Override
    public List<String> starts(Collection<String> toolNames) {
        return List.of("<|start|>", "<|channel|>", STRIPPED, "<|end|>", "<|return|>", "<|call|>");
    }

    @Override
    public Outcome read(String text, Reading reading) {
        for (String dropped : DROPPED) {
            if (text.startsWith(dropped)) {
                return new Outcome.Found(dropped.length(), List.of());
            }
        }
        if (text.startsWith(STRIPPED)) {
            return stripped(text, reading);
        }
        int message = text.indexOf(MESSAGE);
        if (message < 0) {
            return text.length() > MAX_HEADER ? Outcome.NotACall.INSTANCE : reading.needMore();
        }
        String header = text.substring(0, message);
        int body = message + MESSAGE.length();
        Matcher recipient = RECIPIENT.matcher(header);
        if (recipient.find()) {
            String to = recipient.group(1);
            return to.startsWith("functions.") ? arguments(text, body, to.substring("functions.".length()), reading)
                    : Outcome.NotACall.INSTANCE;
        }
        Matcher channel = CHANNEL.matcher(header);
        if (channel.find() && channel.group(1).equals("analysis")) {
            int end = firstEnd(text, body);
            if (end < 0 && !reading.last()) {
                return Outcome.NeedMore.INSTANCE;
            }
            end = end < 0 ? text.length() : end;
            return new Outcome.Found(end, List.of(new Piece.Thinking(text.substring(body, end))));
        }
        return new Outcome.Found(body, List.of());
    }

    private static int firstEnd(String text, int from) {
        int first = -1;
        for (String end : BODY_ENDS) {
            int at = text.indexOf(end, from);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    private static Outcome stripped(String text, Reading reading) {
        int nameEnd = Literal.nameEnd(text, STRIPPED.length());
        if (nameEnd == text.length()) {
            return reading.needMore();
        }
        int brace = text.indexOf('{', nameEnd);
        if (brace < 0) {
            return text.length() - nameEnd > 40 ? Outcome.NotACall.INSTANCE : reading.needMore();
        }
        if (!BEFORE_ARGUMENTS.matcher(text.substring(nameEnd, brace)).matches()) {
            return Outcome.NotACall.INSTANCE;
        }
        return arguments(text, brace, text.substring(STRIPPED.length(), nameEnd), reading);
    }

    private static Outcome arguments(String text, int from, String name, Reading reading) {
        int end = JsonText.end(text, from);
        if (end == JsonText.NOT_JSON) {
            return Outcome.NotACall.INSTANCE;
        }
        if (end == JsonText.OPEN) {
            if (!reading.last()) {
                return Outcome.NeedMore.INSTANCE;
            }
            return CallFormat.calls(text.length(), List.of(JsonText.read(text.substring(from), reading.closable())
                    .flatMap(arguments -> reading.parser().call(name, arguments))));
        }
        Optional<ParsedCall> call = JsonText.read(text.substring(from, end))
                .flatMap(arguments -> reading.parser().call(name, arguments));
        return CallFormat.calls(end, List.of(call));
    }
}
