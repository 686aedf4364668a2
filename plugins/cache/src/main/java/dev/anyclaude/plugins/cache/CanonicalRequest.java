package dev.anyclaude.plugins.cache;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.anyclaude.api.wire.AsciiJsonString;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The canonical form of a Messages request body ({@link CacheKeys}: object keys sorted, numbers in one form, the fields
 * that do not change the answer left out, string contents as text blocks), written straight from the parser's tokens
 * into one byte array, without a tree. An object's members are written in the order they come, each remembered by
 * name and place; an object that ends unsorted (or with a name twice, where the last one counts, as in a tree) is put
 * in order through a copy of its bytes. A tool result's {@code content} met before the block's {@code type} is read
 * again from the body once the type says it is one.
 *
 * <p>One instance per body; not thread-safe.
 */
final class CanonicalRequest {
    private static final byte[] TEXT_BLOCK_OPEN = "[{\"text\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT_BLOCK_CLOSE = ",\"type\":\"text\"}]".getBytes(StandardCharsets.US_ASCII);
    private static final int NOT_MET = -1;
    private static final byte[] TOOL_RESULT = "\"tool_result\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BILLING = ("\"" + CacheKeys.BILLING_PREFIX + "\"").getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x7F7F7F7F7F7F7F7FL;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long CONTROL_EDGE = 0x6060606060606060L;

    /** What an object is, for the rules of its members. */
    private enum Kind {
        /** The request itself: without model, stream, metadata, service_tier, cache_control. */
        REQUEST,
        /** An element of messages: its content as blocks. */
        MESSAGE,
        /** A content or system block: without cache_control; a tool result's content as blocks. */
        BLOCK,
        /** An element of tools: without cache_control. */
        TOOL,
        /** Anything else: every member, keys sorted. */
        PLAIN
    }

    private final JsonFactory factory;
    private final byte[] body;
    private byte[] out;
    private int size;
    private byte[] scratch = new byte[0];
    /** Where the string {@link #rawString} copied last ended in the body; -1 after a string it did not copy. */
    private int rawEnd = -1;
    /** Where in the body the parser at work started: its locations count from there (a content read again). */
    private int base;
    private final List<Members> members = new ArrayList<>();
    private ByteArrayBuilder jacksonBytes;
    private JsonGenerator jackson;

    private CanonicalRequest(JsonFactory factory, byte[] body) {
        this.factory = factory;
        this.body = body;
        this.out = new byte[body.length + 64];
    }

    /**
     * The canonical form of {@code body}, or null when it is not a JSON object (nothing, or another value; what comes
     * after the first value is not read).
     *
     * @throws IOException the body is not well-formed JSON (Jackson's message)
     */
    static CanonicalRequest of(JsonFactory factory, byte[] body) throws IOException {
        CanonicalRequest canonical = new CanonicalRequest(factory, body);
        try (JsonParser parser = factory.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            canonical.object(parser, Kind.REQUEST, 0);
        } finally {
            if (canonical.jackson != null) {
                canonical.jackson.close();
            }
        }
        return canonical;
    }

    void digestInto(MessageDigest digest) {
        digest.update(out, 0, size);
    }

    String text() {
        return new String(out, 0, size, StandardCharsets.UTF_8);
    }

    /** Writes the object the parser is at (its START_OBJECT read); returns whether it is a billing-header text block. */
    private boolean object(JsonParser p, Kind kind, int depth) throws IOException {
        Members list = members(depth);
        int open = size;
        put((byte) '{');
        boolean billing = false;
        boolean toolResult = false;
        int content = NOT_MET; // a block's content: its member, whether written as blocks, where it is in the body
        boolean contentAsBlocks = false;
        long contentFrom = 0;
        long contentTo = 0;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (leftOut(kind, name)) {
                p.skipChildren();
                continue;
            }
            if (list.count > 0) {
                put((byte) ',');
            }
            int start = size;
            string(name);
            put((byte) ':');
            switch (kind) {
                case REQUEST -> {
                    switch (name) {
                        case "system" -> blocks(p, value, true, depth + 1);
                        case "messages" -> elements(p, value, Kind.MESSAGE, depth + 1);
                        case "tools" -> elements(p, value, Kind.TOOL, depth + 1);
                        default -> value(p, value, depth + 1);
                    }
                }
                case MESSAGE -> {
                    if (name.equals("content")) {
                        blocks(p, value, false, depth + 1);
                    } else {
                        value(p, value, depth + 1);
                    }
                }
                case BLOCK -> {
                    if (name.equals("content")) {
                        // as blocks if a tool result's, which a type that comes later may still decide
                        content = list.count;
                        contentAsBlocks = toolResult;
                        contentFrom = base + p.currentTokenLocation().getByteOffset();
                        if (toolResult) {
                            blocks(p, value, false, depth + 1);
                        } else {
                            value(p, value, depth + 1);
                        }
                        contentTo = value == JsonToken.VALUE_STRING && rawEnd >= 0 ? rawEnd
                                : base + p.currentLocation().getByteOffset();
                    } else if (name.equals("type")) {
                        int at = size;
                        value(p, value, depth + 1);
                        toolResult = written(at, TOOL_RESULT, true);
                    } else {
                        billing = textMember(p, name, value, billing, depth);
                    }
                }
                default -> billing = textMember(p, name, value, billing, depth);
            }
            list.add(name, start, size);
        }
        if (content != NOT_MET && contentAsBlocks != toolResult) {
            rewriteContent(list, content, contentFrom, contentTo, toolResult, depth);
        }
        close(list, open);
        return billing;
    }

    /** Writes a member's value; a string under {@code text} may make its object a billing-header block. */
    private boolean textMember(JsonParser p, String name, JsonToken value, boolean billing, int depth) throws IOException {
        if (name.equals("text")) {
            int at = size;
            value(p, value, depth + 1);
            return written(at, BILLING, false);
        }
        value(p, value, depth + 1);
        return billing;
    }

    /**
     * A block's content written before the block's last type said how: written again from the body's bytes, as blocks
     * or as it is, after the object's other members (its place among them is the sorting's business).
     */
    private void rewriteContent(Members list, int index, long from, long to, boolean asBlocks, int depth)
            throws IOException {
        int start = size;
        string("content");
        put((byte) ':');
        int outer = base;
        base = (int) from;
        try (JsonParser again = factory.createParser(body, (int) from, (int) (to - from))) {
            JsonToken token = again.nextToken();
            if (asBlocks) {
                blocks(again, token, false, depth + 1);
            } else {
                value(again, token, depth + 1);
            }
        } finally {
            base = outer;
        }
        list.starts[index] = start;
        list.ends[index] = size;
        list.moved = true;
    }

    private static boolean leftOut(Kind kind, String name) {
        return switch (kind) {
            case REQUEST -> switch (name) {
                case "model", "stream", "metadata", "service_tier", "cache_control" -> true;
                default -> false;
            };
            case BLOCK, TOOL -> name.equals("cache_control");
            case MESSAGE, PLAIN -> false;
        };
    }

    /** Ends an object whose members are written from {@code open + 1}: in order of name, the last of a name kept. */
    private void close(Members list, int open) {
        int count = list.count;
        boolean sorted = !list.moved;
        for (int i = 1; i < count && sorted; i++) {
            sorted = list.names[i - 1].compareTo(list.names[i]) < 0;
        }
        if (!sorted) {
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            String[] names = list.names;
            Arrays.sort(order, (a, b) -> names[a].compareTo(names[b])); // stable: a name's last member sorts last
            int length = 0;
            for (int i = 0; i < count; i++) {
                length += list.ends[i] - list.starts[i] + 1;
            }
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            int at = 0;
            for (int i = 0; i < count; i++) {
                int member = order[i];
                if (i + 1 < count && names[order[i + 1]].equals(names[member])) {
                    continue; // a later member of the same name counts
                }
                if (at > 0) {
                    scratch[at++] = ',';
                }
                int from = list.starts[member];
                int bytes = list.ends[member] - from;
                System.arraycopy(out, from, scratch, at, bytes);
                at += bytes;
            }
            size = open + 1;
            ensure(at + 1);
            System.arraycopy(scratch, 0, out, size, at);
            size += at;
        }
        put((byte) '}');
        list.clear();
    }

    /** Content or system: a string as one text block, an array's objects as blocks, anything else as one element. */
    private void blocks(JsonParser p, JsonToken token, boolean system, int depth) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            int before = size;
            put(TEXT_BLOCK_OPEN);
            int at = size;
            value(p, token, depth);
            if (system && written(at, BILLING, false)) {
                size = before;
                put((byte) '[');
                put((byte) ']');
                return;
            }
            put(TEXT_BLOCK_CLOSE);
            return;
        }
        put((byte) '[');
        if (token == JsonToken.START_ARRAY) {
            int written = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                int before = size;
                if (written > 0) {
                    put((byte) ',');
                }
                boolean billing = t == JsonToken.START_OBJECT ? object(p, Kind.BLOCK, depth) : plainValue(p, t, depth);
                if (system && billing) {
                    size = before; // Claude Code's billing header changes with every request
                } else {
                    written++;
                }
            }
        } else {
            // a single value of another kind becomes the one element, as it is
            int before = size;
            boolean billing = token == JsonToken.START_OBJECT ? object(p, Kind.PLAIN, depth) : plainValue(p, token, depth);
            if (system && billing) {
                size = before;
            }
        }
        put((byte) ']');
    }

    /** Messages or tools: the array's objects by the rules of {@code kind}; anything else as it is. */
    private void elements(JsonParser p, JsonToken token, Kind kind, int depth) throws IOException {
        if (token == JsonToken.START_ARRAY) {
            array(p, kind, depth);
        } else {
            value(p, token, depth);
        }
    }

    /** The array the parser is at (its START_ARRAY read): objects by the rules of {@code kind}, the rest as it is. */
    private void array(JsonParser p, Kind kind, int depth) throws IOException {
        put((byte) '[');
        boolean first = true;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (!first) {
                put((byte) ',');
            }
            first = false;
            if (t == JsonToken.START_OBJECT) {
                object(p, kind, depth);
            } else {
                value(p, t, depth);
            }
        }
        put((byte) ']');
    }

    /**
     * Whether the bytes written from {@code at} are the quoted string {@code quoted} ({@code whole}) or start with it
     * (its closing quote left out): the canonical form of a text that is, or starts with, an ASCII text needing no
     * escape, as the tool-result type and the billing header are.
     */
    private boolean written(int at, byte[] quoted, boolean whole) {
        int length = whole ? quoted.length : quoted.length - 1;
        if (size - at < length || (whole && size - at != length)) {
            return false;
        }
        return Arrays.equals(out, at, at + length, quoted, 0, length);
    }

    private boolean plainValue(JsonParser p, JsonToken token, int depth) throws IOException {
        value(p, token, depth);
        return false;
    }

    private void value(JsonParser p, JsonToken token, int depth) throws IOException {
        switch (token) {
            case START_OBJECT -> object(p, Kind.PLAIN, depth);
            case START_ARRAY -> array(p, Kind.PLAIN, depth);
            case VALUE_STRING -> {
                if (!rawString(p)) {
                    string(p.getText());
                }
            }
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    ascii(new BigDecimal(p.getBigIntegerValue()).stripTrailingZeros().toPlainString());
                } else {
                    ascii(Long.toString(p.getLongValue()));
                }
            }
            case VALUE_NUMBER_FLOAT -> ascii(BigDecimal.valueOf(p.getDoubleValue()).stripTrailingZeros().toPlainString());
            case VALUE_TRUE -> ascii("true");
            case VALUE_FALSE -> ascii("false");
            case VALUE_NULL -> ascii("null");
            default -> throw new IOException("unexpected " + token + " in a request body");
        }
    }

    /**
     * Copies the string token the parser is at straight from the body when its bytes are already what Jackson writes
     * for it (no escape but {@code \" \\ \n \t \r \b \f}, well-formed UTF-8 of characters in the basic plane and
     * outside the surrogates: Jackson writes a pair as two escapes); false, having written nothing, otherwise. The text
     * is then neither decoded nor encoded again: most of a Claude Code turn is such strings.
     */
    private boolean rawString(JsonParser p) throws IOException {
        rawEnd = -1;
        long offset = base + p.currentTokenLocation().getByteOffset();
        if (offset < 0 || offset >= body.length || body[(int) offset] != '"') {
            return false;
        }
        int open = (int) offset;
        int i = open + 1;
        while (true) {
            i = nextSpecial(body, i);
            if (i >= body.length) {
                return false;
            }
            int b = body[i] & 0xFF;
            if (b == '"') {
                break;
            } else if (b == '\\') {
                if (i + 1 >= body.length || !isShortEscape(body[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (b < 0x20) {
                return false;
            } else {
                int length = utf8Length(body, i);
                if (length == 0) {
                    return false;
                }
                i += length;
            }
        }
        int bytes = i + 1 - open;
        rawEnd = i + 1;
        ensure(bytes);
        System.arraycopy(body, open, out, size, bytes);
        size += bytes;
        return true;
    }

    private static boolean isShortEscape(byte c) {
        return c == '"' || c == '\\' || c == 'n' || c == 't' || c == 'r' || c == 'b' || c == 'f';
    }

    /**
     * The length of the well-formed UTF-8 sequence of a character from U+0080 to U+FFFF outside the surrogates at
     * {@code at}, or 0 for anything else (a four-byte character, an overlong form, an encoded surrogate, a broken
     * sequence), which Jackson's writer would not give back byte for byte or its reader would reject.
     */
    private static int utf8Length(byte[] bytes, int at) {
        int lead = bytes[at] & 0xFF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            return at + 1 < bytes.length && (bytes[at + 1] & 0xC0) == 0x80 ? 2 : 0;
        }
        if (lead >= 0xE0 && lead <= 0xEF && at + 2 < bytes.length) {
            int second = bytes[at + 1] & 0xFF;
            boolean inRange = lead == 0xE0 ? second >= 0xA0 : lead != 0xED || second < 0xA0;
            return inRange && (second & 0xC0) == 0x80 && (bytes[at + 2] & 0xC0) == 0x80 ? 3 : 0;
        }
        return 0;
    }

    /** The first quote, backslash, control character or byte over 0x7F at or after {@code from}, or the length. */
    private static int nextSpecial(byte[] bytes, int from) {
        int i = from;
        while (i + Long.BYTES <= bytes.length) {
            long word = (long) LONGS.get(bytes, i);
            // per byte: equal to a quote or a backslash, under 0x20, or with its high bit; a carry out of a byte with
            // its high bit set can only flag bytes after it, so the lowest flag is exact
            long flags = (~(((word ^ QUOTES) + LOW_BITS) & ((word ^ BACKSLASHES) + LOW_BITS) & (word + CONTROL_EDGE))
                    | word) & HIGH_BITS;
            if (flags != 0) {
                return i + (Long.numberOfTrailingZeros(flags) >>> 3);
            }
            i += Long.BYTES;
        }
        while (i < bytes.length) {
            byte b = bytes[i];
            if (b == '"' || b == '\\' || (b & 0xFF) < 0x20 || b < 0) {
                return i;
            }
            i++;
        }
        return i;
    }

    /** A string in quotes with Jackson's escapes: eight bytes at a time in ASCII, Jackson's own writer otherwise. */
    private void string(String value) throws IOException {
        AsciiJsonString ascii = AsciiJsonString.of(value);
        if (ascii != null) {
            ensure(ascii.length() + 2);
            out[size++] = '"';
            System.arraycopy(ascii.bytes(), 0, out, size, ascii.length());
            size += ascii.length();
            out[size++] = '"';
            return;
        }
        if (jackson == null) {
            jacksonBytes = new ByteArrayBuilder();
            jackson = factory.createGenerator(jacksonBytes);
            jackson.writeStartArray(); // strings as its elements: each after a comma, which is not copied
        }
        jackson.flush();
        jacksonBytes.reset();
        jackson.writeString(value);
        jackson.flush();
        byte[] written = jacksonBytes.toByteArray();
        int skip = written.length > 0 && written[0] == ',' ? 1 : 0;
        ensure(written.length);
        System.arraycopy(written, skip, out, size, written.length - skip);
        size += written.length - skip;
    }

    private void ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            out[size++] = (byte) text.charAt(i);
        }
    }

    private void put(byte b) {
        ensure(1);
        out[size++] = b;
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, out, size, bytes.length);
        size += bytes.length;
    }

    private void ensure(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
        }
    }

    private Members members(int depth) {
        while (members.size() <= depth) {
            members.add(new Members());
        }
        return members.get(depth);
    }

    /** The members of one open object: names and where each one's bytes are; reused for every object at a depth. */
    private static final class Members {
        String[] names = new String[8];
        int[] starts = new int[8];
        int[] ends = new int[8];
        int count;
        boolean moved;

        void add(String name, int start, int end) {
            if (count == names.length) {
                names = Arrays.copyOf(names, count * 2);
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            names[count] = name;
            starts[count] = start;
            ends[count] = end;
            count++;
        }

        void clear() {
            Arrays.fill(names, 0, count, null);
            count = 0;
            moved = false;
        }
    }
}
