package dev.anyclaude.bench;

import java.util.Arrays;

/**
 * Notes when numbered markers ({@code zq00} .. {@code zq99}) first appear in a response body, as the bytes are read:
 * the benchmark's upstreams put one marker in each token they send, so the arrival time of a token at the client
 * is the arrival time of its marker, whatever protocol (Anthropic events, OpenAI chunks) carries it.
 */
final class MarkerClock {
    static final int MAX = 100;

    private final long[] arrivals = new long[MAX];
    private int state;
    private int value;

    /** Forgets the previous response. */
    void reset() {
        Arrays.fill(arrivals, 0L);
        state = 0;
    }

    /** The {@link System#nanoTime()} at which marker {@code index} was read, or 0 if it never came. */
    long arrival(int index) {
        return arrivals[index];
    }

    /** Scans bytes read at {@code nanoTime}. */
    void scan(byte[] bytes, int offset, int length, long nanoTime) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            switch (state) {
                case 0 -> state = b == 'z' ? 1 : 0;
                case 1 -> state = b == 'q' ? 2 : b == 'z' ? 1 : 0;
                case 2 -> {
                    if (b >= '0' && b <= '9') {
                        value = b - '0';
                        state = 3;
                    } else {
                        state = b == 'z' ? 1 : 0;
                    }
                }
                default -> {
                    if (b >= '0' && b <= '9') {
                        int index = value * 10 + (b - '0');
                        if (arrivals[index] == 0L) {
                            arrivals[index] = nanoTime;
                        }
                        state = 0;
                    } else {
                        state = b == 'z' ? 1 : 0;
                    }
                }
            }
        }
    }

    /** {@code zq} and two digits: the text of marker {@code index}. */
    static String marker(int index) {
        return String.format(java.util.Locale.ROOT, "zq%02d", index);
    }
}
