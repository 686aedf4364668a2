package dev.anyclaude.plugins.cache;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a string value of the canonical form exactly as Jackson's {@code writeString} does (quotes, {@code \"},
 * {@code \\}, the short escapes {@code \b \t \n \f \r}, <code>&#92;u00XX</code> for the other control characters,
 * everything else as UTF-8), but from the string's UTF-8 bytes eight at a time, copying the runs between escapes
 * whole, instead of a character at a time: Jackson's way was most of a Claude Code turn's key (docs/benchmarks.md,
 * eleventh round). A string with a surrogate is left to Jackson, which escapes an unpaired one where the JDK's
 * encoder writes {@code ?}. {@code CanonicalStringsTest} holds the two to the same bytes.
 */
final class CanonicalStrings {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x7F7F7F7F7F7F7F7FL;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long QUESTION_MARKS = 0x3F3F3F3F3F3F3F3FL;
    /** 0x60 added to a byte under 0x80 reaches 0x80 exactly when the byte is 0x20 or more. */
    private static final long CONTROL_EDGE = 0x6060606060606060L;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private CanonicalStrings() {
    }

    static void write(String value, JsonGenerator out) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        // One byte per character: ASCII, or unpaired surrogates, which the encoder made '?' (checked in the pass).
        // More bytes: characters over 0x7F, among which a surrogate is looked for here.
        boolean oneBytePerChar = utf8.length == value.length();
        if (!oneBytePerChar && hasSurrogate(value)) {
            out.writeString(value);
            return;
        }
        byte[] escaped = null;
        int length = 0;
        int from = 0;
        int i = nextSpecial(utf8, 0);
        while (i < utf8.length) {
            byte b = utf8[i];
            if (b == '?') {
                if (oneBytePerChar && value.charAt(i) != '?') {
                    out.writeString(value);
                    return;
                }
            } else {
                int needed = length + (i - from) + 6 + (utf8.length - i);
                if (escaped == null || needed > escaped.length) {
                    escaped = Arrays.copyOf(escaped == null ? new byte[0] : escaped, needed + (utf8.length >>> 4));
                }
                System.arraycopy(utf8, from, escaped, length, i - from);
                length += i - from;
                length = appendEscape(b, escaped, length);
                from = i + 1;
            }
            i = nextSpecial(utf8, i + 1);
        }
        if (escaped == null) {
            out.writeRawUTF8String(utf8, 0, utf8.length);
            return;
        }
        System.arraycopy(utf8, from, escaped, length, utf8.length - from);
        out.writeRawUTF8String(escaped, 0, length + utf8.length - from);
    }

    private static boolean hasSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isSurrogate(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The index of the next quote, backslash, control character or {@code ?} from {@code from}; the length if none. */
    private static int nextSpecial(byte[] utf8, int from) {
        int i = from;
        for (; i + Long.BYTES <= utf8.length; i += Long.BYTES) {
            long special = special((long) LONGS.get(utf8, i));
            if (special != 0) {
                return i + (Long.numberOfTrailingZeros(special) >>> 3);
            }
        }
        for (; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b == '"' || b == '\\' || b == '?' || (b >= 0 && b < 0x20)) {
                return i;
            }
        }
        return utf8.length;
    }

    /**
     * A byte with its high bit set for each byte of {@code word} that is a quote, a backslash, a question mark or under
     * 0x20 (bytes over 0x7F, parts of a multi-byte character, are never flagged). With the high bits cleared first,
     * the sums cannot carry into the next byte, so every flag is exact.
     */
    private static long special(long word) {
        long low = word & ~HIGH_BITS;
        long notQuote = (low ^ QUOTES) + LOW_BITS;
        long notBackslash = (low ^ BACKSLASHES) + LOW_BITS;
        long notQuestionMark = (low ^ QUESTION_MARKS) + LOW_BITS;
        long notControl = low + CONTROL_EDGE;
        return ~(notQuote & notBackslash & notQuestionMark & notControl) & ~word & HIGH_BITS;
    }

    /** Writes the escape of a quote, a backslash or a control character at {@code at}; the position after it. */
    private static int appendEscape(byte b, byte[] out, int at) {
        int o = at;
        out[o++] = '\\';
        byte letter = switch (b) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\b' -> 'b';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\f' -> 'f';
            case '\r' -> 'r';
            default -> 0;
        };
        if (letter != 0) {
            out[o++] = letter;
            return o;
        }
        out[o++] = 'u';
        out[o++] = '0';
        out[o++] = '0';
        out[o++] = HEX[b >> 4];
        out[o++] = HEX[b & 0xF];
        return o;
    }
}
