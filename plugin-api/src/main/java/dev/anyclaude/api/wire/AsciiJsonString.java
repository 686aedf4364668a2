package dev.anyclaude.api.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The inside of a JSON string (escaped, without its quotes) as UTF-8 bytes, for a string that is all ASCII, made
 * eight bytes at a time: the bytes come from {@link String#getBytes} (a copy the JDK makes with vector
 * instructions), the bytes that need an escape (a quote, a backslash, a control character) are found with word
 * arithmetic, and the runs between them are copied whole. The escapes are Jackson's defaults, byte for byte
 * (a backslash before a quote, a backslash, and the letters b, t, n, f, r for their control characters; the other
 * control characters as a backslash, {@code u00} and two upper-case hex digits; nothing else escaped).
 * Jackson's {@code writeString} encodes and checks a {@code char} at a time; the codecs hand long strings
 * (a Claude Code turn carries some 50 KB of them) to their generator this way, through
 * {@code writeRawUTF8String}. Immutable by contract: the array is handed out, not copied.
 */
public final class AsciiJsonString {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x7F7F7F7F7F7F7F7FL;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long QUESTION_MARKS = 0x3F3F3F3F3F3F3F3FL;
    /** 0x60 added to a byte under 0x80 reaches 0x80 exactly when the byte is 0x20 or more. */
    private static final long CONTROL_EDGE = 0x6060606060606060L;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final byte[] bytes;
    private final int length;

    private AsciiJsonString(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    /** The escaped text in {@code bytes()[0, length())}; the array may be longer. Not to be changed. */
    public byte[] bytes() {
        return bytes;
    }

    /** How many bytes of {@link #bytes()} are the text. */
    public int length() {
        return length;
    }

    /**
     * The escaped text of {@code value}, or null when it has a character over 0x7F (then Jackson's own rules apply:
     * it writes a surrogate pair as two escapes, for one).
     */
    public static AsciiJsonString of(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length != value.length()) {
            return null;
        }
        // Every character became one byte: ASCII, or a lone surrogate, which getBytes turned into '?' and Jackson
        // writes as an escape; so each '?' is checked against the string.
        byte[] out = null;
        int length = 0;
        int from = 0;
        int at = nextToCheck(bytes, 0);
        while (at < bytes.length) {
            byte c = bytes[at];
            if (c == '?') {
                if (value.charAt(at) != '?') {
                    return null;
                }
                at = nextToCheck(bytes, at + 1);
                continue;
            }
            int run = at - from;
            if (out == null) {
                out = new byte[bytes.length + bytes.length / 8 + 16];
            }
            if (length + run + 6 > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, length + run + 6));
            }
            System.arraycopy(bytes, from, out, length, run);
            length = escape(c, out, length + run);
            from = at + 1;
            at = nextToCheck(bytes, from);
        }
        if (out == null) {
            return new AsciiJsonString(bytes, bytes.length);
        }
        int run = bytes.length - from;
        if (length + run > out.length) {
            out = Arrays.copyOf(out, length + run);
        }
        System.arraycopy(bytes, from, out, length, run);
        return new AsciiJsonString(out, length + run);
    }

    /** Writes the escape of {@code c} as Jackson does; returns the position after it. */
    private static int escape(byte c, byte[] out, int at) {
        out[at++] = '\\';
        switch (c) {
            case '"', '\\' -> out[at++] = c;
            case '\b' -> out[at++] = 'b';
            case '\t' -> out[at++] = 't';
            case '\n' -> out[at++] = 'n';
            case '\f' -> out[at++] = 'f';
            case '\r' -> out[at++] = 'r';
            default -> {
                out[at++] = 'u';
                out[at++] = '0';
                out[at++] = '0';
                out[at++] = HEX[c >> 4];
                out[at++] = HEX[c & 0xF];
            }
        }
        return at;
    }

    /**
     * The position of the first quote, backslash, control character or {@code '?'} at or after {@code from}, or the
     * length. The bytes must all be under 0x80: adding 0x7F (or 0x60) to such a byte cannot carry into the next, so
     * every flag is exact.
     */
    static int nextToCheck(byte[] bytes, int from) {
        int i = from;
        while (i + Long.BYTES <= bytes.length) {
            long word = (long) LONGS.get(bytes, i);
            long flags = ~(((word ^ QUOTES) + LOW_BITS) & ((word ^ BACKSLASHES) + LOW_BITS)
                    & ((word ^ QUESTION_MARKS) + LOW_BITS) & (word + CONTROL_EDGE)) & HIGH_BITS;
            if (flags != 0) {
                return i + (Long.numberOfTrailingZeros(flags) >>> 3);
            }
            i += Long.BYTES;
        }
        while (i < bytes.length) {
            byte b = bytes[i];
            if (b == '"' || b == '\\' || b == '?' || b < 0x20) {
                return i;
            }
            i++;
        }
        return i;
    }
}
