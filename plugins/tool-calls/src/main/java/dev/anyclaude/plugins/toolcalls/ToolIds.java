package dev.anyclaude.plugins.toolcalls;

import java.security.SecureRandom;

/** Tool-use ids shaped like Anthropic's: {@code toolu_} and 24 base62 chars. */
final class ToolIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private ToolIds() {
    }

    static String next() {
        StringBuilder id = new StringBuilder("toolu_");
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
