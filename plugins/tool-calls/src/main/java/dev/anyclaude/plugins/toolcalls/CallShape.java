package dev.anyclaude.plugins.toolcalls;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides early that JSON being printed is not a call ({@code {"name":..,"arguments":..}}), so that an ordinary
 * JSON answer is not held back until it ends: its first key is not one a call starts with, or its name is not a
 * declared tool.
 */
final class CallShape {
    private static final Set<String> FIRST_KEYS = Set.of("name", "type", "function", "id");
    private static final Pattern FIRST_KEY = Pattern.compile("^[\\[\\s]*\\{\\s*\"([^\"\\\\]*)\"");
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"\\\\]*)\"");
    /** How far into the value the name is looked for: a call prints it first or right after a short key. */
    private static final int LOOK = 512;

    private CallShape() {
    }

    /** The start of the value at {@code from} (up to {@code end}, or the text's end when negative) that is checked. */
    static String head(String text, int from, int end) {
        return text.substring(from, Math.min(end < 0 ? text.length() : end, from + LOOK));
    }

    /** True when this start of a JSON value can no longer become a call of a declared tool. */
    static boolean rejects(String text, ToolCallParser parser) {
        String partial = text.length() > LOOK ? text.substring(0, LOOK) : text;
        int i = JsonText.skipBlank(partial, 0);
        if (i < partial.length() && partial.charAt(i) == '[') {
            i = JsonText.skipBlank(partial, i + 1);
        }
        if (i < partial.length() && partial.charAt(i) != '{') {
            return true;
        }
        int next = JsonText.skipBlank(partial, i + 1);
        if (next < partial.length() && partial.charAt(next) != '"') {
            return true;
        }
        Matcher key = FIRST_KEY.matcher(partial);
        if (key.find() && !FIRST_KEYS.contains(key.group(1))) {
            return true;
        }
        Matcher name = NAME.matcher(partial);
        return name.find() && !parser.declares(name.group(1));
    }
}
