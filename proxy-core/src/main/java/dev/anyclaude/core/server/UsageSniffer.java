package dev.anyclaude.core.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.api.model.Usage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Reads the token usage out of a relayed Anthropic answer without changing a byte of it, for the request log: in
 * a stream, the {@code data:} lines that carry {@code "usage"} ({@code message_start}, {@code message_delta}); in
 * a JSON answer, its {@code usage} at the end. Compressed or oversized answers are not read. Not thread-safe.
 */
final class UsageSniffer {
    private static final int MAX_JSON = 4 * 1024 * 1024;
    private static final int MAX_LINE = 256 * 1024;
    private static final byte[] USAGE = "\"usage\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final ObjectMapper mapper;
    private final boolean stream;
    private final Line pending = new Line();
    private boolean gaveUp;
    private Usage usage;
    private long firstToken;
    private boolean ended;

    /**
     * @param contentType     the answer's content type
     * @param contentEncoding the answer's content encoding, null when none
     */
    UsageSniffer(ObjectMapper mapper, String contentType, String contentEncoding) {
        this.mapper = mapper;
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
            pending.write(bytes, 0, length);
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
            pending.write(bytes, offset, Math.min(count, room));
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

    // Streamed, not read into a tree: every stream has two such lines (message_start, message_delta).
    private Usage read(byte[] json, int offset, int length, String nested) {
        try (JsonParser parser = mapper.getFactory().createParser(json, offset, length)) {
            return usageIn(parser, nested);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * What {@link #usageIn(JsonNode, String)} finds in the document the parser reads, read without a tree: the
     * top-level {@code usage} when there is one, else the {@code nested} member's; the last of duplicate names wins.
     *
     * @throws IOException when the document is not JSON, up to its end
     */
    static Usage usageIn(JsonParser parser, String nested) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Usage usage = usageWithin(parser, nested);
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw new IOException("not a whole JSON object");
        }
        return usage;
    }

    /**
     * Reads the object the parser stands in (past its start) to its end: its {@code usage} when it has one, else
     * its {@code nested} member's (when given); null when neither.
     */
    private static Usage usageWithin(JsonParser parser, String nested) throws IOException {
        boolean top = false;
        Usage usage = null;
        Usage inner = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("usage".equals(name)) {
                top = true;
                usage = value == JsonToken.START_OBJECT ? usageAt(parser) : null;
            } else if (nested != null && nested.equals(name)) {
                inner = value == JsonToken.START_OBJECT ? usageWithin(parser, null) : null;
            }
            parser.skipChildren();
        }
        return top ? usage : inner;
    }

    /** The {@code usage} object of an answer (or of its {@code nested} member, when given), or null. */
    static Usage usageIn(JsonNode root, String nested) {
        JsonNode node = root.path("usage");
        if (node.isMissingNode() && nested != null) {
            node = root.path(nested).path("usage");
        }
        if (!node.isObject()) {
            return null;
        }
        return new Usage(integer(node, "input_tokens"), integer(node, "output_tokens"),
                integer(node, "cache_creation_input_tokens"), integer(node, "cache_read_input_tokens"), Map.of());
    }

    /**
     * The usage object the parser stands at (its {@code START_OBJECT}), read as {@link #usageIn} reads it from a
     * tree: a count that is not a number within int's range is null, a later duplicate wins. Leaves the parser at
     * the object's end.
     */
    static Usage usageAt(JsonParser parser) throws IOException {
        Integer input = null;
        Integer output = null;
        Integer cacheCreation = null;
        Integer cacheRead = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            Integer count = value.isNumeric() ? intValue(parser) : null;
            switch (name) {
                case "input_tokens" -> input = count;
                case "output_tokens" -> output = count;
                case "cache_creation_input_tokens" -> cacheCreation = count;
                case "cache_read_input_tokens" -> cacheRead = count;
                default -> {
                }
            }
            parser.skipChildren();
        }
        return new Usage(input, output, cacheCreation, cacheRead, Map.of());
    }

    /** The number the parser stands at as {@link JsonNode#canConvertToInt()} and {@link JsonNode#asInt()} see it. */
    private static Integer intValue(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return parser.getNumberType() == JsonParser.NumberType.INT ? parser.getIntValue() : null;
        }
        double value = parser.getDoubleValue();
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (int) value : null;
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.canConvertToInt() ? value.asInt() : null;
    }

    /** The line or body read so far, matched and parsed in place. */
    private static final class Line extends ByteArrayOutputStream {
        Line() {
            super(256);
        }

        byte[] array() {
            return buf;
        }
    }
}
