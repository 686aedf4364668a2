package dev.anyclaude.testkit;

/** Writing JSON text by hand, exactly, for the fixtures. */
final class JsonText {

    private JsonText() {
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** {@link #quote(String)}, or {@code null} for a null string. */
    static String quoteOrNull(String s) {
        return s == null ? "null" : quote(s);
    }
}
