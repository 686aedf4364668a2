package dev.anyclaude.core.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * {@link RequestPeek}'s fast path: a strict JSON scanner over a request body that reads strings eight bytes at a
 * time. It answers only when the body is plainly valid and its top-level facts plain ({@code model} an ASCII string
 * without escapes, {@code max_tokens} an integer of at most nine digits, {@code stream} a boolean or null), and
 * answers null for everything else, so that Jackson decides and words the error. It accepts nothing Jackson refuses
 * (strict UTF-8, no comments, no trailing commas, no leading zeros, a nesting depth well under Jackson's limit), and
 * {@code RequestScanTest} holds it to that on generated and mutated bodies.
 *
 * <p>Why not Jackson alone: a Claude Code turn is about 50 KB, nearly all of it in strings (its system prompt, tool
 * descriptions, the conversation), and Claude Code sends {@code stream} last, so the check reads every byte; Jackson
 * takes its strings a byte at a time, a fifth of the proxy's IO thread on such a turn.
 */
final class RequestScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long LOW_BITS = 0x7F7F7F7F7F7F7F7FL;
    /** 0x60 added to a byte under 0x80 reaches 0x80 exactly when the byte is 0x20 or more. */
    private static final long CONTROL_EDGE = 0x6060606060606060L;
    /** Jackson's own limit is 500 (2.16 and later); deeper bodies are left to it. */
    private static final int MAX_DEPTH = 200;
    /** Jackson refuses numbers (or their parts) over 1,000 characters; long ones are left to it. */
    private static final int MAX_NUMBER_LENGTH = 500;
    /** Jackson refuses names over 50,000 bytes; long ones are left to it. */
    private static final int MAX_NAME_LENGTH = 1_000;
    private static final int FAIL = -1;

    private static final byte[] MODEL = ascii("model");
    private static final byte[] MAX_TOKENS = ascii("max_tokens");
    private static final byte[] STREAM = ascii("stream");
    private static final byte[] MESSAGES = ascii("messages");

    private final byte[] body;
    private final int end;
    /** Whether the last string scanned held an escape or a byte over 0x7F. */
    private boolean plain;

    private RequestScan(byte[] body) {
        this.body = body;
        this.end = body.length;
    }

    /** The body's facts, or null when Jackson must decide (anything invalid, unusual or over a limit). */
    static RequestPeek peek(byte[] body, RequestPeek.Kind kind) {
        return new RequestScan(body).top(kind);
    }

    private RequestPeek top(RequestPeek.Kind kind) {
        String model = null;
        int maxTokens = -1;
        boolean stream = false;
        boolean sawMessages = false;
        int p = whitespace(0);
        if (p >= end || body[p] != '{') {
            return null;
        }
        p = whitespace(p + 1);
        while (true) {
            if (p >= end || body[p] != '"') {
                return null; // also the empty object, which lacks the required fields
            }
            int nameStart = p + 1;
            p = string(p);
            if (p == FAIL || !plain || p - 1 - nameStart > MAX_NAME_LENGTH) {
                return null;
            }
            int nameLength = p - 1 - nameStart;
            p = whitespace(p);
            if (p >= end || body[p] != ':') {
                return null;
            }
            p = whitespace(p + 1);
            if (p >= end) {
                return null;
            }
            if (named(MODEL, nameStart, nameLength)) {
                if (body[p] != '"') {
                    return null;
                }
                int start = p + 1;
                p = string(p);
                if (p == FAIL || !plain) {
                    return null;
                }
                model = new String(body, start, p - 1 - start, StandardCharsets.ISO_8859_1);
            } else if (named(MAX_TOKENS, nameStart, nameLength)) {
                int digits = 0;
                int value = 0;
                while (p < end && body[p] >= '0' && body[p] <= '9' && digits < 10) {
                    value = value * 10 + (body[p] - '0');
                    p++;
                    digits++;
                }
                if (digits == 0 || digits > 9 || digits > 1 && body[p - digits] == '0'
                        || p < end && (body[p] == '.' || body[p] == 'e' || body[p] == 'E')) {
                    return null;
                }
                maxTokens = value;
            } else if (named(STREAM, nameStart, nameLength)) {
                int afterTrue = literal(p, "true");
                if (afterTrue != FAIL) {
                    stream = true;
                    p = afterTrue;
                } else {
                    p = literal(p, body[p] == 'f' ? "false" : "null");
                    stream = false;
                }
            } else if (named(MESSAGES, nameStart, nameLength)) {
                if (body[p] != '[') {
                    return null;
                }
                sawMessages = true;
                p = value(p, 1);
            } else {
                p = value(p, 1);
            }
            if (p == FAIL) {
                return null;
            }
            p = whitespace(p);
            if (p >= end) {
                return null;
            }
            if (body[p] == '}') {
                break;
            }
            if (body[p] != ',') {
                return null;
            }
            p = whitespace(p + 1);
        }
        if (whitespace(p + 1) != end || model == null || model.isBlank() || !sawMessages
                || kind == RequestPeek.Kind.MESSAGES && maxTokens < 0) {
            return null;
        }
        return new RequestPeek(model, maxTokens, stream);
    }

    /** Skips one value starting at {@code p}; the position after it, or FAIL. */
    private int value(int p, int depth) {
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
    private int string(int p) {
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

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private int literal(int p, String word) {
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

    private int whitespace(int p) {
        while (p < end) {
            byte b = body[p];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return p;
            }
            p++;
        }
        return p;
    }

    private boolean named(byte[] name, int start, int length) {
        if (length != name.length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (body[start + k] != name[k]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
