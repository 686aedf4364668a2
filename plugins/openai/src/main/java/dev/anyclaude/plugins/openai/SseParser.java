package dev.anyclaude.plugins.openai;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Splits an OpenAI-style SSE body into events as its bytes arrive, in whatever pieces they come (a piece may end
 * inside a line, inside a UTF-8 character or between {@code \r} and {@code \n}). The one parser of the plugin: the
 * blocking {@link DataLineReader} feeds it what it reads, the fast path's {@link SseAnswer} what the IO thread got.
 *
 * <p>The rules: lines end with {@code \n}, {@code \r\n} or {@code \r}; comment lines ({@code : keepalive 3/10},
 * {@code : OPENROUTER PROCESSING}) and fields other than {@code data}, {@code event} and {@code error} are skipped;
 * the {@code data:} lines of one event are joined with newlines; a blank line ends an event that has data (and
 * otherwise forgets its {@code event:} name); old llama.cpp's bare {@code error: {...}} line is an event named
 * {@code error} at once, dropping what the event had so far; at the end of the body a last line without terminator
 * counts, and an event with data but no blank line is still an event.
 *
 * <p>Use: {@link #feed} bytes, then call {@link #next} until false, reading each event ({@link #name},
 * {@link #data}, or the bytes of ASCII data without a copy) before the next call; at the end of the body
 * {@link #finish}. Copies what it keeps; allocates only to grow its buffers and for {@link #data} and names. Not
 * thread-safe.
 */
final class SseParser {
    /** The longest line accepted: a longer one is an upstream that went wrong, not an answer. */
    static final int MAX_LINE = 64 * 1024 * 1024;
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    /** Bytes fed and not yet parsed: {@code [start, end)} of {@code window}, a line starting at {@code start}. */
    private byte[] window = new byte[512];
    private int start;
    private int end;
    /** Where the scan for the current line's end goes on; {@code nonAscii} says a byte >= 0x80 was passed. */
    private int scanned;
    private int nonAscii;

    private String name;
    private boolean hasData;
    /** The data while it is ASCII; {@code text} instead once a line was not (decoded line by line). */
    private byte[] data = new byte[256];
    private int dataLength;
    private StringBuilder text;
    /** The current event was handed out: the next call starts a new one. */
    private boolean handedOut;
    private boolean finished;

    /**
     * Takes as many of these bytes as fit (all of them, unless one line is longer than what is buffered: then the
     * buffer grows first). Call {@link #next} until false before feeding more.
     */
    void feed(ByteBuffer bytes) {
        if (start > 0) {
            System.arraycopy(window, start, window, 0, end - start);
            end -= start;
            scanned -= start;
            start = 0;
        }
        if (end == window.length && bytes.hasRemaining()) {
            window = java.util.Arrays.copyOf(window, window.length * 2);
        }
        int count = Math.min(bytes.remaining(), window.length - end);
        bytes.get(window, end, count);
        end += count;
    }

    /**
     * Parses on to the end of the next event.
     *
     * @return true when an event is complete (read it now); false when more bytes are needed
     * @throws IOException when a line is longer than {@link #MAX_LINE}
     */
    boolean next() throws IOException {
        startEvent();
        while (true) {
            int at = scanned;
            int high = nonAscii;
            byte b = 0;
            while (at < end) {
                b = window[at];
                if (b == '\n' || b == '\r') {
                    break;
                }
                high |= b;
                at++;
            }
            if (at - start > MAX_LINE) {
                throw new IOException("an SSE line from the upstream is longer than " + MAX_LINE + " bytes");
            }
            // A \r that ends the bytes so far: whether a \n follows is known with the next bytes (or at the end).
            if (at == end || b == '\r' && at + 1 == end) {
                scanned = at;
                nonAscii = high;
                return false;
            }
            int lineEnd = at;
            int after = b == '\r' && window[at + 1] == '\n' ? at + 2 : at + 1;
            int lineStart = start;
            start = after;
            scanned = after;
            nonAscii = 0;
            if (line(lineStart, lineEnd, high >= 0)) {
                handedOut = true;
                return true;
            }
        }
    }

    /**
     * The body ended: parses the last line (without its terminator) and ends the last event.
     *
     * @return true when that made one more event (read it now); then and later calls return false
     */
    boolean finish() {
        startEvent();
        if (finished) {
            return false;
        }
        finished = true;
        if (start < end) {
            int lineEnd = window[end - 1] == '\r' ? end - 1 : end;
            int lineStart = start;
            boolean ascii = nonAscii >= 0 && isAscii(scanned, lineEnd);
            start = end;
            scanned = end;
            if (line(lineStart, lineEnd, ascii)) {
                handedOut = true;
                return true;
            }
        }
        if (hasData) {
            handedOut = true;
            return true;
        }
        return false;
    }

    /** The event's {@code event:} name ({@code error} for an {@code error:} line); null when it had none. */
    String name() {
        return name;
    }

    /** The event's data as text. */
    String data() {
        return text != null ? text.toString() : new String(data, 0, dataLength, StandardCharsets.ISO_8859_1);
    }

    /** True when the data is ASCII: then {@link #dataBytes()} up to {@link #dataLength()} is the whole of it. */
    boolean asciiData() {
        return text == null;
    }

    /** The ASCII data's bytes (valid up to {@link #dataLength()}, until the next call to this parser). */
    byte[] dataBytes() {
        return data;
    }

    int dataLength() {
        return dataLength;
    }

    /** True when the data, without surrounding whitespace, is {@code [DONE]}. */
    boolean done() {
        if (text != null) {
            return "[DONE]".equals(text.toString().strip());
        }
        int from = 0;
        int to = dataLength;
        while (from < to && Character.isWhitespace((char) data[from])) {
            from++;
        }
        while (to > from && Character.isWhitespace((char) data[to - 1])) {
            to--;
        }
        return java.util.Arrays.equals(data, from, to, DONE, 0, DONE.length);
    }

    /** One complete line, without its terminator: true when it ended an event. */
    private boolean line(int from, int to, boolean ascii) {
        if (from == to) {
            if (hasData) {
                return true;
            }
            name = null;
            return false;
        }
        if (window[from] == ':') {
            return false;
        }
        int colon = from;
        while (colon < to && window[colon] != ':') {
            colon++;
        }
        int value = colon < to ? colon + 1 : to;
        if (value < to && window[value] == ' ') {
            value++;
        }
        if (field(from, colon, "data")) {
            appendData(value, to, ascii);
        } else if (field(from, colon, "event")) {
            name = decode(value, to);
        } else if (field(from, colon, "error")) {
            clearEvent();
            name = "error";
            text = new StringBuilder(decode(value, to));
            hasData = true;
            return true;
        }
        // id:, retry: and unknown fields carry nothing for us.
        return false;
    }

    private void appendData(int from, int to, boolean ascii) {
        if (text == null && ascii) {
            int needed = dataLength + (hasData ? 1 : 0) + (to - from);
            if (needed > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(needed, data.length * 2));
            }
            if (hasData) {
                data[dataLength++] = '\n';
            }
            System.arraycopy(window, from, data, dataLength, to - from);
            dataLength += to - from;
        } else {
            if (text == null) {
                text = new StringBuilder(dataLength + (to - from) + 16);
                if (hasData) {
                    text.append(new String(data, 0, dataLength, StandardCharsets.ISO_8859_1)).append('\n');
                }
            } else {
                text.append('\n');
            }
            // Line by line, as each line is its own text: a broken character never joins the next line's bytes.
            text.append(decode(from, to));
        }
        hasData = true;
    }

    private void startEvent() {
        if (handedOut) {
            handedOut = false;
            clearEvent();
        }
    }

    private void clearEvent() {
        name = null;
        hasData = false;
        dataLength = 0;
        text = null;
    }

    private boolean field(int from, int to, String field) {
        if (to - from != field.length()) {
            return false;
        }
        for (int i = 0; i < field.length(); i++) {
            if (window[from + i] != field.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean isAscii(int from, int to) {
        for (int i = from; i < to; i++) {
            if (window[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private String decode(int from, int to) {
        return new String(window, from, to - from, StandardCharsets.UTF_8);
    }
}
