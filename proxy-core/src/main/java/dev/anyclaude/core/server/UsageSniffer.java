package dev.anyclaude.core.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.api.model.Usage;
import dev.anyclaude.core.json.AnswerUsage;

/**
 * Reads the token usage out of a relayed Anthropic answer without changing a byte of it, for the request log: in
 * a stream, the {@code data:} lines that carry {@code "usage"} ({@code message_start}, {@code message_delta}); in
 * a JSON answer, its {@code usage} at the end. Compressed or oversized answers are not read. Not thread-safe.
 */
final class UsageSniffer {
    private static final int MAX_JSON = 4 * 1024 * 1024;
    private static final int MAX_LINE = 256 * 1024;
    private static final byte[] USAGE = "\"usage\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final JsonFactory jackson;
    private final boolean stream;
    /** The line or body read so far, matched and parsed in place. */
    private final GrowableBytes pending = new GrowableBytes(256);
    private boolean gaveUp;
    private Usage usage;
    private long firstToken;
    private boolean ended;

    /**
     * @param contentType     the answer's content type
     * @param contentEncoding the answer's content encoding, null when none
     */
    UsageSniffer(ObjectMapper mapper, String contentType, String contentEncoding) {
        this.jackson = mapper.getFactory();
        this.stream = contentType != null && contentType.startsWith("text/event-stream");
        this.gaveUp = contentEncoding != null && !contentEncoding.equalsIgnoreCase("identity");
    }

    void accept(byte[] bytes, int length) {
        if (gaveUp) {
            return;
        }
        if (!stream) {
            if (pending.size() + length > MAX_JSON) {
                gaveUp = true;
                return;
            }
            pending.add(bytes, 0, length);
            return;
        }
        // Copy whole runs between newlines rather than byte by byte: this runs on every relayed chunk.
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                append(bytes, start, i - start);
                line();
                pending.reset();
                start = i + 1;
            }
        }
        append(bytes, start, length - start);
    }

    private void append(byte[] bytes, int offset, int count) {
        int room = MAX_LINE - pending.size();
        if (count > 0 && room > 0) {
            pending.add(bytes, offset, Math.min(count, room));
        }
    }

    /** The usage seen, or null. */
    Usage usage() {
        if (!stream && !gaveUp && pending.size() > 0) {
            usage = read(pending.array(), 0, pending.size(), null);
            gaveUp = true;
        }
        return usage;
    }

    /** When the first {@code content_block_delta} event of a stream passed ({@link System#nanoTime()}), or 0. */
    long firstTokenNanos() {
        return firstToken;
    }

    /**
     * True when a stream was read whole (not compressed) and had neither {@code message_stop} nor {@code error}:
     * the upstream stopped before the answer was complete.
     */
    boolean streamUnfinished() {
        return stream && !gaveUp && !ended;
    }

    // Matched on the bytes: this runs for every line of every relayed stream, and most lines need nothing.
    private void line() {
        byte[] line = pending.array();
        int length = pending.size();
        if (length >= 7 && line[0] == 'e' && line[1] == 'v') {
            int end = length;
            while (end > 0 && line[end - 1] <= ' ') {
                end--;
            }
            if (is(line, end, "event: message_stop") || is(line, end, "event: error")) {
                ended = true;
            } else if (firstToken == 0 && is(line, end, "event: content_block_delta")) {
                firstToken = System.nanoTime();
            }
            return;
        }
        if (length < 6 || !startsWith(line, 0, length, "data: ")) {
            return;
        }
        if (!ended && (startsWith(line, 6, length, "{\"type\":\"message_stop\"")
                || startsWith(line, 6, length, "{\"type\":\"error\""))) {
            ended = true; // servers that send data lines without event lines
        }
        if (contains(line, 6, length, USAGE)) {
            Usage seen = read(line, 6, length - 6, "message");
            if (seen != null) {
                usage = usage == null ? seen : usage.updatedBy(seen);
            }
        }
    }

    private static boolean is(byte[] bytes, int length, String text) {
        return length == text.length() && startsWith(bytes, 0, length, text);
    }

    private static boolean startsWith(byte[] bytes, int from, int length, String prefix) {
        if (length - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] bytes, int from, int length, byte[] part) {
        outer:
        for (int i = from; i <= length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private Usage read(byte[] json, int offset, int length, String nested) {
        AnswerUsage read = AnswerUsage.of(jackson, json, offset, length, nested);
        return read == null ? null : read.usage();
    }
}
