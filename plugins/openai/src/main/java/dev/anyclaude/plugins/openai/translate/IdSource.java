package dev.anyclaude.plugins.openai.translate;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Makes the ids anyclaude invents for an answer: the message id ({@code msg_...}) and the id of a tool call the
 * upstream sent without one ({@code toolu_...}). Both look like Anthropic's: the prefix and 24 characters of
 * {@code [0-9A-Za-z]}. {@link #random()} for real answers; {@link #seeded(long)} for tests that need stable ids.
 */
public interface IdSource {

    /** A new {@code msg_...} id. */
    String messageId();

    /** A new {@code toolu_...} id. */
    String toolUseId();

    /** Unpredictable ids; thread-safe. */
    static IdSource random() {
        return new Generated(new SecureRandom());
    }

    /** The same ids, in the same order, for the same seed; not thread-safe. */
    static IdSource seeded(long seed) {
        return new Generated(new Random(seed));
    }

    /** Ids drawn from a {@link Random}. */
    final class Generated implements IdSource {
        private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        private static final int LENGTH = 24;
        private final Random random;

        private Generated(Random random) {
            this.random = random;
        }

        @Override
        public String messageId() {
            return "msg_" + suffix();
        }

        @Override
        public String toolUseId() {
            return "toolu_" + suffix();
        }

        /**
         * 24 characters from one draw of random bytes (a {@code SecureRandom} takes a lock and copies for each draw, and
         * a draw a character showed in the translation lane's profile): each byte below 248 (4 x 62, so no character is
         * likelier than another) picks a character, and the rare bytes above are drawn again.
         */
        private String suffix() {
            char[] chars = new char[LENGTH];
            byte[] bytes = new byte[LENGTH + 8];
            int filled = 0;
            while (filled < LENGTH) {
                random.nextBytes(bytes);
                for (int i = 0; i < bytes.length && filled < LENGTH; i++) {
                    int b = bytes[i] & 0xff;
                    if (b < 248) {
                        chars[filled++] = ALPHABET.charAt(b % ALPHABET.length());
                    }
                }
            }
            return new String(chars);
        }
    }
}
