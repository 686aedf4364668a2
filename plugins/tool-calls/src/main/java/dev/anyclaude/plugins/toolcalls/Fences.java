package dev.anyclaude.plugins.toolcalls;

/** Tells whether a position in text lies inside an open Markdown code fence (```), where markers are examples. */
final class Fences {
    private static final String FENCE = "```";

    private Fences() {
    }

    /** True when an odd number of fences precede {@code at} in {@code before} followed by {@code text}. */
    static boolean insideFence(CharSequence before, CharSequence text, int at) {
        String all = before.toString() + text.subSequence(0, at);
        int count = 0;
        for (int i = all.indexOf(FENCE); i >= 0; i = all.indexOf(FENCE, i + FENCE.length())) {
            count++;
        }
        return count % 2 == 1;
    }
}
