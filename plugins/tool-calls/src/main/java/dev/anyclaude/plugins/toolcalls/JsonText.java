package dev.anyclaude.plugins.toolcalls;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * JSON as models print it: finds where a printed object or array ends (strings and escapes respected), reads the
 * first value and ignores what trails it (an extra {@code }}, prose), and closes a cut-off value when asked to.
 */
final class JsonText {
    /** {@link #end} when the value is not finished yet. */
    static final int OPEN = -1;
    /** {@link #end} when the text at the position does not start an object or array. */
    static final int NOT_JSON = -2;

    /** Jackson stops after the first value by default (FAIL_ON_TRAILING_TOKENS is off): trailing text is ignored. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonText() {
    }

    /** The index just past the object or array starting at {@code from} (after blanks), {@link #OPEN} or {@link #NOT_JSON}. */
    static int end(CharSequence text, int from) {
        int i = skipBlank(text, from);
        if (i >= text.length()) {
            return OPEN;
        }
        char first = text.charAt(i);
        if (first != '{' && first != '[') {
            return NOT_JSON;
        }
        int depth = 0;
        boolean inString = false;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    return i + 1;
                }
            }
        }
        return OPEN;
    }

    static int skipBlank(CharSequence text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The first JSON value in the text, trailing text ignored; empty when it does not parse. */
    static Optional<Object> read(String text) {
        try {
            return Optional.ofNullable(JSON.readValue(text.strip(), Object.class));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /**
     * Like {@link #read}, and when {@code close} is set, a value cut off between members (not inside a string,
     * not after a {@code :} or {@code ,}) is closed with the brackets it lacks.
     */
    static Optional<Object> read(String text, boolean close) {
        Optional<Object> value = read(text);
        if (value.isPresent() || !close) {
            return value;
        }
        return closed(text.strip()).flatMap(JsonText::read);
    }

    /** The text with its missing closing brackets, when closing it cannot change what a member meant. */
    static Optional<String> closed(String text) {
        Deque<Character> open = new ArrayDeque<>();
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                open.push('}');
            } else if (c == '[') {
                open.push(']');
            } else if (c == '}' || c == ']') {
                if (open.isEmpty() || open.pop() != c) {
                    return Optional.empty();
                }
            }
        }
        String trimmed = text.stripTrailing();
        if (inString || open.isEmpty() || trimmed.isEmpty() || ",:".indexOf(trimmed.charAt(trimmed.length() - 1)) >= 0) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(trimmed);
        open.forEach(out::append);
        return Optional.of(out.toString());
    }
}
