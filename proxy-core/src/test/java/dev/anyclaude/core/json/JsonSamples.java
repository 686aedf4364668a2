package dev.anyclaude.core.json;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** Generated JSON values and byte-level mutations, for the tests that hold the fast scanners to Jackson. */
final class JsonSamples {
    /** Bytes that make or break JSON, and the edges of UTF-8. */
    static final byte[] SHARP = {'"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\n', '0', '1', '-', '.', 'e',
            '+', 't', 'n', 'u', '/', 'x', 0, 0x1F, 0x7F, (byte) 0x80, (byte) 0xBF, (byte) 0xC0, (byte) 0xC3,
            (byte) 0xE0, (byte) 0xED, (byte) 0xF0, (byte) 0xF4, (byte) 0xF5, (byte) 0xFF};

    private JsonSamples() {
    }

    /** One to three bytes inserted, replaced or deleted, the new ones mostly {@link #SHARP}. */
    static byte[] mutate(byte[] body, Random random) {
        byte[] current = body;
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(current.length + 1);
            byte value = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : SHARP[random.nextInt(SHARP.length)];
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(current, 0, at);
            switch (random.nextInt(3)) {
                case 0 -> { // insert
                    out.write(value);
                    out.write(current, at, current.length - at);
                }
                case 1 -> { // replace
                    if (at < current.length) {
                        out.write(value);
                        out.write(current, at + 1, current.length - at - 1);
                    }
                }
                default -> { // delete
                    if (at < current.length) {
                        out.write(current, at + 1, current.length - at - 1);
                    }
                }
            }
            current = out.toByteArray();
        }
        return current;
    }

    /** Any JSON value nested at most {@code depth} deep, with the strings, numbers and characters that are hard to read. */
    static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> leaves = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40).map(s -> (Object) s),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60).map(s -> (Object) s),
                Arbitraries.strings().withChars("\n\t\"\\/é中😀\u0001\u001f ab").ofMaxLength(30).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.bigDecimals().between(BigDecimal.valueOf(-1e40), BigDecimal.valueOf(1e40)).ofScale(8)
                        .map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<Object> inner = value(depth - 1);
        Arbitrary<Object> lists = inner.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l));
        Arbitrary<Object> maps = Arbitraries.maps(Arbitraries.strings().ofMaxLength(8), inner).ofMaxSize(4)
                .map(m -> (Object) new LinkedHashMap<>(m));
        return Arbitraries.frequencyOf(Tuple.of(4, leaves), Tuple.of(1, lists), Tuple.of(1, maps));
    }
}
