package dev.anyclaude.plugins.toolcalls;

import java.util.Collection;
import java.util.List;

/**
 * A Qwen3-Coder call printed without its {@code <tool_call>} wrapper (mlx-lm#1616):
 * {@code <function=NAME><parameter=P>v</parameter></function>}, with a stray {@code </tool_call>} after it
 * taken along.
 */
final class BareFunctionFormat implements CallFormat {
    private static final String OPEN = "<function=";
    private static final String CLOSE = "</function>";

    @Override
    public List<String> starts(Collection<String> toolNames) {
        return List.of(OPEN);
    }

    @Override
    public Outcome read(String text, Reading reading) {
        int end = text.indexOf(CLOSE);
        if (end < 0) {
            return reading.needMore();
        }
        int length = end + CLOSE.length();
        int after = JsonText.skipBlank(text, length);
        String rest = text.substring(after);
        if (rest.startsWith(TagFormat.CLOSE)) {
            length = after + TagFormat.CLOSE.length();
        } else if (TagFormat.CLOSE.startsWith(rest) && !reading.last()) {
            return Outcome.NeedMore.INSTANCE;
        }
        return CallFormat.calls(length, List.of(QwenXmlCall.read(text.substring(0, end + CLOSE.length()),
                reading.parser())));
    }
}
