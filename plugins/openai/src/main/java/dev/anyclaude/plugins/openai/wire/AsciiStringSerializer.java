package dev.anyclaude.plugins.openai.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes long ASCII strings as Jackson would, byte for byte, but eight bytes at a time: the string's bytes come from
 * {@link String#getBytes} (a copy the JDK makes with vector instructions), the bytes that need an escape (a quote, a
 * backslash, a control character) are found with word arithmetic, and the runs between them go to the generator
 * whole. Jackson's own {@code writeString} encodes and checks a {@code char} at a time; a Claude Code turn is some
 * 50 KB of prompt, tool descriptions and conversation, and writing it was a fifth of the proxy's IO thread on that
 * turn. Anything else (short strings, strings with a character over 0x7F, generators that are not Jackson's UTF-8
 * one) goes through {@code writeString} unchanged.
 */
final class AsciiStringSerializer extends StdScalarSerializer<String> {
    /** Shorter strings gain nothing from the extra copy. */
    static final int MIN_LENGTH = 64;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x7F7F7F7F7F7F7F7FL;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long QUESTION_MARKS = 0x3F3F3F3F3F3F3F3FL;
    /** 0x60 added to a byte under 0x80 reaches 0x80 exactly when the byte is 0x20 or more. */
    private static final long CONTROL_EDGE = 0x6060606060606060L;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    AsciiStringSerializer() {
        super(String.class);
    }

    @Override
    public void serialize(String value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        if (value.length() < MIN_LENGTH || !(generator instanceof UTF8JsonGenerator)) {
            generator.writeString(value);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length != value.length()) {
            generator.writeString(value); // not ASCII: Jackson's own rules (surrogate pairs as escapes, for one)
            return;
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
                    generator.writeString(value);
                    return;
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
            generator.writeRawUTF8String(bytes, 0, bytes.length);
            return;
        }
        int run = bytes.length - from;
        if (length + run > out.length) {
            out = Arrays.copyOf(out, length + run);
        }
        System.arraycopy(bytes, from, out, length, run);
        generator.writeRawUTF8String(out, 0, length + run);
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
