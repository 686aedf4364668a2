package dev.anyclaude.plugins.toolcalls;

/**
 * Follows Markdown code fences (runs of three or more backticks) through text fed in order, so the scanner can
 * tell that a marker lies inside an open fence, where it is an example rather than a call.
 */
final class FenceTracker {
    private boolean open;
    private int run;

    /** Takes in text that has been decided (emitted or read as a call). */
    void feed(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '`') {
                run++;
            } else {
                if (run >= 3) {
                    open = !open;
                }
                run = 0;
            }
        }
    }

    /** True when, after the fed text and then {@code text[0, at)}, a fence is open. */
    boolean insideAt(CharSequence text, int at) {
        boolean inside = open;
        int backticks = run;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '`') {
                backticks++;
            } else {
                if (backticks >= 3) {
                    inside = !inside;
                }
                backticks = 0;
            }
        }
        return backticks >= 3 != inside;
    }
}
