package dev.anyclaude.plugins.toolcalls;

/** Compares text at a position with a literal when the text may still be growing. */
enum Literal {
    /** The text has the literal there. */
    YES,
    /** The text ends inside what could still become the literal. */
    MAYBE,
    /** The text has something else there. */
    NO;

    static Literal at(String text, int at, String literal) {
        int available = Math.min(literal.length(), text.length() - at);
        if (available < 0 || !text.regionMatches(at, literal, 0, available)) {
            return NO;
        }
        return available == literal.length() ? YES : MAYBE;
    }

    /** The index past a run of name characters ({@code [A-Za-z0-9_.-]}) starting at {@code at}. */
    static int nameEnd(String text, int at) {
        int i = at;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || "_-.".indexOf(text.charAt(i)) >= 0)) {
            i++;
        }
        return i;
    }
}
