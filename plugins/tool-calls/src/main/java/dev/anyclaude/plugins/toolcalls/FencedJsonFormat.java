package dev.anyclaude.plugins.toolcalls;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * A call printed as a fenced JSON block, {@code ```json\n{"name":..,"arguments":..}\n```}. Taken conservatively:
 * the block holds one call object and nothing else ({@link ToolCallParser#fromObject}), names a declared tool,
 * and ends the message (in force mode it may stand anywhere). Any other fenced block is text, and the markers
 * inside it stay text too.
 */
final class FencedJsonFormat implements CallFormat {
    private static final String FENCE = "```";
    private static final int MAX_INFO = 20;

    @Override
    public List<String> starts(Collection<String> toolNames) {
        return List.of(FENCE);
    }

    @Override
    public Outcome read(String text, Reading reading) {
        int newline = text.indexOf('\n');
        if (newline < 0) {
            return text.length() > MAX_INFO ? Outcome.NotACall.INSTANCE : reading.needMore();
        }
        String info = text.substring(FENCE.length(), newline).strip().toLowerCase(Locale.ROOT);
        if (!info.isEmpty() && !info.equals("json")) {
            return Outcome.NotACall.INSTANCE;
        }
        int close = text.indexOf(FENCE, newline);
        if (CallShape.rejects(CallShape.head(text, newline + 1, close), reading.parser())) {
            return Outcome.NotACall.INSTANCE;
        }
        if (close < 0) {
            return reading.needMore();
        }
        String body = text.substring(newline + 1, close);
        int end = JsonText.end(body, 0);
        if (end < 0 || JsonText.skipBlank(body, end) < body.length()) {
            return Outcome.NotACall.INSTANCE; // not exactly one JSON object
        }
        int length = close + FENCE.length();
        if (reading.mode() != ToolCallSettings.Mode.FORCE) {
            if (JsonText.skipBlank(text, length) < text.length()) {
                return Outcome.NotACall.INSTANCE; // something follows: an example, not a call
            }
            if (!reading.last()) {
                return Outcome.NeedMore.INSTANCE;
            }
        }
        return CallFormat.calls(length, List.of(JsonText.read(body).flatMap(reading.parser()::fromObject)));
    }
}
