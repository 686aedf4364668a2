package dev.anyclaude.core.server;

import java.util.Arrays;

/**
 * Cuts a relayed SSE body at frame boundaries (a blank line), so the client only ever gets whole frames: an upstream
 * that breaks off mid-frame leaves no half event behind, and the proxy's closing {@code event: error} starts on a
 * frame of its own. Each whole frame is checked without parsing its JSON: every line is an SSE field
 * ({@code event:}, {@code data:}, {@code id:}, {@code retry:}) or a comment, and a data line holds a JSON object
 * ({@code {...}}). Not thread-safe; one per relayed stream.
 */
final class SseFrames {
    private static final byte[] NONE = new byte[0];

    private byte[] pending = NONE;
    private byte[] ready = NONE;

    /**
     * A complete frame that is not an SSE event carrying a JSON object. The whole frames before it (bytes that arrived
     * in the same read) are well formed: {@link #wellFormed()} bytes at the start of {@link #ready()}, to relay before
     * the stream is cut.
     */
    static final class Malformed extends Exception {
        private final int wellFormed;

        Malformed(String message, int wellFormed) {
            super(message, null, false, false);
            this.wellFormed = wellFormed;
        }

        int wellFormed() {
            return wellFormed;
        }
    }

    /**
     * Takes the next bytes read from the upstream.
     *
     * @return the whole frames now complete, to relay as they are (empty when none is)
     * @throws Malformed when a complete frame is not a well-formed event; nothing of it is returned (the frames before
     *                   it are in {@link #ready()}, see {@link Malformed#wellFormed()})
     */
    byte[] accept(byte[] bytes, int length) throws Malformed {
        int complete = take(bytes, length);
        return Arrays.copyOf(ready, complete);
    }

    /**
     * Takes the next bytes read from the upstream without copying them when they end on a frame boundary, as they
     * usually do.
     *
     * @return how many bytes of whole frames are now complete, at the start of {@link #ready()} (0 when none is)
     * @throws Malformed when a complete frame is not a well-formed event; nothing of it is returned
     */
    int take(byte[] bytes, int length) throws Malformed {
        byte[] data;
        if (pending.length == 0) {
            data = bytes;
        } else {
            data = Arrays.copyOf(pending, pending.length + length);
            System.arraycopy(bytes, 0, data, pending.length, length);
            length = data.length;
        }
        int end = lastBoundary(data, length);
        if (end < 0) {
            pending = Arrays.copyOf(data, length);
            return 0;
        }
        ready = data;
        check(data, end);
        pending = end == length ? NONE : Arrays.copyOfRange(data, end, length);
        return end;
    }

    /** The array holding the frames the last {@link #take} completed; valid until the next call. */
    byte[] ready() {
        return ready;
    }

    /** True when the bytes read so far end inside a frame. */
    boolean endsMidFrame() {
        for (byte b : pending) {
            if (b != '\n' && b != '\r') {
                return true;
            }
        }
        return false;
    }

    /** The index just after the last blank line ({@code \n\n} or {@code \n\r\n}), or -1. */
    private static int lastBoundary(byte[] data, int length) {
        for (int i = length - 1; i >= 1; i--) {
            if (data[i] == '\n' && (data[i - 1] == '\n' || data[i - 1] == '\r' && i >= 2 && data[i - 2] == '\n')) {
                return i + 1;
            }
        }
        return -1;
    }

    private static void check(byte[] data, int end) throws Malformed {
        int start = 0;
        int frame = 0;
        while (start < end) {
            int newline = start;
            while (newline < end && data[newline] != '\n') {
                newline++;
            }
            int stop = newline > start && data[newline - 1] == '\r' ? newline - 1 : newline;
            String wrong = wrongLine(data, start, stop);
            if (wrong != null) {
                throw new Malformed(wrong, frame);
            }
            if (stop == start) {
                frame = newline + 1; // a blank line ends a frame
            }
            start = newline + 1;
        }
    }

    /** What is wrong with one line, or null when it is an SSE field, a comment or blank. */
    private static String wrongLine(byte[] data, int start, int stop) {
        if (stop == start || data[start] == ':' || startsWith(data, start, stop, "event:")
                || startsWith(data, start, stop, "id:") || startsWith(data, start, stop, "retry:")) {
            return null;
        }
        if (startsWith(data, start, stop, "data:")) {
            int value = start + 5;
            while (value < stop && data[value] == ' ') {
                value++;
            }
            int last = stop - 1;
            while (last > value && data[last] == ' ') {
                last--;
            }
            if (value < stop && data[value] == '{' && data[last] == '}') {
                return null;
            }
            return "a data line that is not a JSON object";
        }
        return "a line that is no SSE field";
    }

    private static boolean startsWith(byte[] data, int start, int stop, String prefix) {
        if (stop - start < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (data[start + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
