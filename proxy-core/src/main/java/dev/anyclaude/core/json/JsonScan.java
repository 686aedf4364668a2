package dev.anyclaude.core.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A strict JSON scanner over UTF-8 bytes that reads strings eight bytes at a time, the common part of the fast paths
 * that answer only for plainly valid JSON and leave everything else to Jackson ({@link RequestScan} for requests,
 * {@link UsageScan} for answers). It accepts nothing Jackson refuses: strict UTF-8, no comments, no trailing commas,
 * no leading zeros, a nesting depth well under Jackson's limit; {@code RequestScanTest} and {@code AnswerUsageTest}
 * hold it to that on generated and mutated bodies. Each method takes a position and returns the position after what
 * it read, or {@link #FAIL}.
 */
abstract class JsonScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long LOW_BITS = 0x7F7F7F7F7F7F7F7FL;
    /** 0x60 added to a byte under 0x80 reaches 0x80 exactly when the byte is 0x20 or more. */
    private static final long CONTROL_EDGE = 0x6060606060606060L;
    /** Jackson's own limit is 500 (2.16 and later); deeper bodies are left to it. */
    static final int MAX_DEPTH = 200;
    /** Jackson refuses numbers (or their parts) over 1,000 characters; long ones are left to it. */
    private static final int MAX_NUMBER_LENGTH = 500;
    /** Jackson refuses names over 50,000 bytes; long ones are left to it. */
    private static final int MAX_NAME_LENGTH = 1_000;
    static final int FAIL = -1;

    final byte[] body;
    /** Where the JSON text ends: the scanner reads no byte at or after it. */
    final int end;
    /** Whether the last string scanned held an escape or a byte over 0x7F. */
    boolean plain;
    /** Where the name of the member {@link #member} read last starts, and its length (without the quotes). */
    int nameStart;
    int nameLength;

    JsonScan(byte[] body, int end) {
        this.body = body;
        this.end = end;
    }

    /** Skips one value starting at {@code p}; the position after it, or FAIL. */
    final int value(int p, int depth) {
        if (p >= end) {
            return FAIL;
        }
        return switch (body[p]) {
            case '"' -> string(p);
            case '{' -> object(p, depth);
            case '[' -> array(p, depth);
            case 't' -> literal(p, "true");
            case 'f' -> literal(p, "false");
            case 'n' -> literal(p, "null");
            default -> number(p);
        };
    }

    // Not through member() and next(): this loop skips every nested object of a request, and the names' places are
    // of no use here (with them, 5 to 7 % more time on the 51.8 KB turn in JMH).
    private int object(int p, int depth) {
        if (depth >= MAX_DEPTH) {
            return FAIL;
        }
        p = whitespace(p + 1);
        if (p < end && body[p] == '}') {
            return p + 1;
        }
        while (true) {
            if (p >= end || body[p] != '"') {
                return FAIL;
            }
            int nameStart = p;
            p = string(p);
            if (p == FAIL || p - nameStart > MAX_NAME_LENGTH) {
                return FAIL;
            }
            p = whitespace(p);
            if (p >= end || body[p] != ':') {
                return FAIL;
            }
            p = value(whitespace(p + 1), depth + 1);
            if (p == FAIL) {
                return FAIL;
            }
            p = whitespace(p);
            if (p >= end) {
                return FAIL;
            }
            if (body[p] == '}') {
                return p + 1;
            }
            if (body[p] != ',') {
                return FAIL;
            }
            p = whitespace(p + 1);
        }
    }

    /**
     * A top-level member, for the scans that look for names: at {@code p}, its name, then the colon; the position of
     * its value, or FAIL. The name's place is left in {@link #nameStart} and {@link #nameLength}, and {@link #plain}
     * says whether it held an escape.
     */
    final int member(int p) {
        if (p >= end || body[p] != '"') {
            return FAIL;
        }
        int quote = p;
        p = string(p);
        if (p == FAIL || p - quote > MAX_NAME_LENGTH) {
            return FAIL;
        }
        nameStart = quote + 1;
        nameLength = p - 1 - nameStart;
        p = whitespace(p);
        if (p >= end || body[p] != ':') {
            return FAIL;
        }
        p = whitespace(p + 1);
        return p >= end ? FAIL : p;
    }

    /** After a member's value (or FAIL): the position of the comma or closing brace that follows it, or FAIL. */
    final int next(int p) {
        if (p == FAIL) {
            return FAIL;
        }
        p = whitespace(p);
        return p < end && (body[p] == '}' || body[p] == ',') ? p : FAIL;
    }

    private int array(int p, int depth) {
        if (depth >= MAX_DEPTH) {
            return FAIL;
        }
        p = whitespace(p + 1);
        if (p < end && body[p] == ']') {
            return p + 1;
        }
        while (true) {
            p = value(p, depth + 1);
            if (p == FAIL) {
                return FAIL;
            }
            p = whitespace(p);
            if (p >= end) {
                return FAIL;
            }
            if (body[p] == ']') {
                return p + 1;
            }
            if (body[p] != ',') {
                return FAIL;
            }
            p = whitespace(p + 1);
        }
    }

    /**
     * Skips the string whose opening quote is at {@code p}: eight bytes at a time until one of them is a quote, a
     * backslash, a control character or the start of a multi-byte character, which are then taken one by one.
     * Sets {@link #plain}.
     *
     * @return the position after the closing quote, or FAIL
     */
    final int string(int p) {
        boolean simple = true;
        int i = p + 1;
        while (true) {
            while (i + Long.BYTES <= end) {
                long special = special((long) LONGS.get(body, i));
                if (special != 0) {
                    i += Long.numberOfTrailingZeros(special) >>> 3;
                    break;
                }
                i += Long.BYTES;
            }
            if (i >= end) {
                return FAIL;
            }
            int c = body[i] & 0xFF;
            if (c == '"') {
                plain = simple;
                return i + 1;
            } else if (c == '\\') {
                simple = false;
                i = escape(i);
            } else if (c < 0x20) {
                return FAIL;
            } else if (c >= 0x80) {
                simple = false;
                i = multiByte(i, c);
            } else {
                i++; // an ordinary byte in the tail shorter than eight bytes
            }
            if (i == FAIL) {
                return FAIL;
            }
        }
    }

    /**
     * A byte with its high bit set for each byte of {@code word} that is a quote, a backslash, under 0x20 or over
     * 0x7F. With the high bits cleared first, adding 0x7F (or 0x60) to a byte cannot carry into the next one, so
     * every flag is exact.
     */
    static long special(long word) {
        long low = word & ~HIGH_BITS;
        long notQuote = (low ^ QUOTES) + LOW_BITS;
        long notBackslash = (low ^ BACKSLASHES) + LOW_BITS;
        long notControl = low + CONTROL_EDGE;
        return (~(notQuote & notBackslash & notControl) | word) & HIGH_BITS;
    }

    private int escape(int i) {
        if (i + 1 >= end) {
            return FAIL;
        }
        switch (body[i + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 2;
            }
            case 'u' -> {
                if (i + 6 > end) {
                    return FAIL;
                }
                for (int k = i + 2; k < i + 6; k++) {
                    if (Character.digit(body[k], 16) < 0) {
                        return FAIL;
                    }
                }
                return i + 6;
            }
            default -> {
                return FAIL;
            }
        }
    }

    /** Checks one UTF-8 sequence by RFC 3629 (no overlong forms, no surrogates, nothing over U+10FFFF). */
    private int multiByte(int i, int first) {
        int length;
        int low = 0x80;
        int high = 0xBF;
        if (first >= 0xC2 && first <= 0xDF) {
            length = 2;
        } else if (first >= 0xE0 && first <= 0xEF) {
            length = 3;
            if (first == 0xE0) {
                low = 0xA0;
            } else if (first == 0xED) {
                high = 0x9F;
            }
        } else if (first >= 0xF0 && first <= 0xF4) {
            length = 4;
            if (first == 0xF0) {
                low = 0x90;
            } else if (first == 0xF4) {
                high = 0x8F;
            }
        } else {
            return FAIL;
        }
        if (i + length > end) {
            return FAIL;
        }
        int second = body[i + 1] & 0xFF;
        if (second < low || second > high) {
            return FAIL;
        }
        for (int k = i + 2; k < i + length; k++) {
            if ((body[k] & 0xC0) != 0x80) {
                return FAIL;
            }
        }
        return i + length;
    }

    /** A JSON number: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    private int number(int p) {
        int i = p;
        if (i < end && body[i] == '-') {
            i++;
        }
        if (i >= end || !digit(body[i])) {
            return FAIL;
        }
        if (body[i] == '0') {
            i++;
        } else {
            i = digits(i);
        }
        if (i < end && body[i] == '.') {
            int start = ++i;
            i = digits(i);
            if (i == start) {
                return FAIL;
            }
        }
        if (i < end && (body[i] == 'e' || body[i] == 'E')) {
            i++;
            if (i < end && (body[i] == '+' || body[i] == '-')) {
                i++;
            }
            int start = i;
            i = digits(i);
            if (i == start) {
                return FAIL;
            }
        }
        return i - p > MAX_NUMBER_LENGTH ? FAIL : i;
    }

    private int digits(int i) {
        while (i < end && digit(body[i])) {
            i++;
        }
        return i;
    }

    static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    final int literal(int p, String word) {
        int length = word.length();
        if (p + length > end) {
            return FAIL;
        }
        for (int k = 0; k < length; k++) {
            if (body[p + k] != word.charAt(k)) {
                return FAIL;
            }
        }
        return p + length;
    }

    final int whitespace(int p) {
        while (p < end) {
            byte b = body[p];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return p;
            }
            p++;
        }
        return p;
    }

    /** Whether the member {@link #member} read last has this name (its bytes, see {@link #ascii}). */
    final boolean isName(byte[] name) {
        if (nameLength != name.length) {
            return false;
        }
        for (int k = 0; k < nameLength; k++) {
            if (body[nameStart + k] != name[k]) {
                return false;
            }
        }
        return true;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
