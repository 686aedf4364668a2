package dev.anyclaude.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;

/**
 * A JSON generator that writes long strings (prompts, tool descriptions, tool results: most of a Claude Code turn's
 * bytes) through Jackson's {@code char[]} path instead of its {@code String} one, for records and trees alike. The
 * output is the same byte for byte; the time is not. The {@code String} path reads the string a {@code charAt} at a
 * time, and how well the JIT compiles that loop differs from JVM to JVM: the strings of a 52 KB Claude Code-shaped
 * request took 62 to 196 µs to write through it, 56 to 68 µs through a copy into a {@code char[]}
 * (docs/benchmarks.md, eighth round). Short strings stay on the {@code String} path, where the copy would cost more
 * than it saves. One generator per value written; not thread-safe.
 *
 * <p>The OpenAI plugin has the same class for its own mapper: a class both could share would have to be in
 * plugin-api, which keeps Jackson's databind and core out.
 */
final class LongStringGenerator extends JsonGeneratorDelegate {
    /** Strings longer than this many chars are written from a {@code char[]} copy. */
    static final int LONG = 64;
    private static final char[] NONE = new char[0];

    /** The copy, one array for every long string of the value, as long as the longest so far. */
    private char[] chars = NONE;

    LongStringGenerator(JsonGenerator generator) {
        super(generator, false);
    }

    @Override
    public void writeString(String text) throws IOException {
        if (text == null || text.length() <= LONG) {
            delegate.writeString(text);
            return;
        }
        int length = text.length();
        if (chars.length < length) {
            chars = new char[Math.max(length, Math.min(2 * chars.length, Integer.MAX_VALUE - 16))];
        }
        text.getChars(0, length, chars, 0);
        delegate.writeString(chars, 0, length);
    }
}
