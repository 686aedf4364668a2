package dev.anyclaude.core.http;

import java.net.http.HttpHeaders;
import java.util.List;

/**
 * A header's first value, read without {@link HttpHeaders#firstValue}'s stream: these lookups run several times on
 * every relayed answer.
 */
public final class HeaderLookup {
    private HeaderLookup() {
    }

    /** The first value of {@code name} (any case), or null when there is none. */
    public static String first(HttpHeaders headers, String name) {
        List<String> values = headers.allValues(name);
        return values.isEmpty() ? null : values.getFirst();
    }

    /**
     * The first value of {@code name} as a number, or {@code absent} when there is none.
     *
     * @throws NumberFormatException when the value is not a number, as {@link HttpHeaders#firstValueAsLong} does
     */
    public static long firstLong(HttpHeaders headers, String name, long absent) {
        String value = first(headers, name);
        return value == null ? absent : Long.parseLong(value);
    }
}
