package dev.anyclaude.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, ordered list of HTTP header fields with case-insensitive lookup.
 *
 * <p>Repeated names are kept as separate fields in the order they were added, so a request that carried
 * {@code x-a: 1} and {@code x-a: 2} yields {@code all("X-A") == ["1", "2"]}. Names keep the spelling they were
 * given; only lookups ignore case. Instances are thread-safe; "changes" return a copy.
 *
 * <pre>{@code
 * HeaderFields h = HeaderFields.of("request-id", "req_1", "retry-after", "3");
 * h.first("Request-Id");             // Optional[req_1]
 * h.with("retry-after", "5");         // replaces the value
 * h.plus("x-multi", "a").plus("x-multi", "b");  // two fields
 * }</pre>
 */
public final class HeaderFields {

    /** One header line: its name as spelled on the wire and its value. */
    public record Field(String name, String value) {
        /** @throws NullPointerException if {@code name} or {@code value} is null */
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    private static final HeaderFields EMPTY = new HeaderFields(List.of());

    private final List<Field> fields;

    private HeaderFields(List<Field> fields) {
        this.fields = fields;
    }

    /** The empty header list. */
    public static HeaderFields empty() {
        return EMPTY;
    }

    /**
     * Header fields from alternating names and values.
     *
     * @throws IllegalArgumentException if an odd number of strings is given
     * @throws NullPointerException if any of them is null
     */
    public static HeaderFields of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected name/value pairs, got " + namesAndValues.length + " strings");
        }
        List<Field> list = new ArrayList<>(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(new Field(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new HeaderFields(List.copyOf(list));
    }

    /** Header fields copied from the given list, order kept. */
    public static HeaderFields of(List<Field> fields) {
        return new HeaderFields(List.copyOf(fields));
    }

    /** The first value of {@code name} (any case), or empty when the header is absent. */
    public Optional<String> first(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return Optional.of(f.value());
            }
        }
        return Optional.empty();
    }

    /** Every value of {@code name} (any case) in arrival order; an empty list when absent. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                values.add(f.value());
            }
        }
        return Collections.unmodifiableList(values);
    }

    /** Whether at least one field is named {@code name} (any case). */
    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /** A copy where every field named {@code name} (any case) is replaced by one field {@code name: value}. */
    public HeaderFields with(String name, String value) {
        List<Field> list = new ArrayList<>(fields.size() + 1);
        for (Field f : fields) {
            if (!f.name().equalsIgnoreCase(name)) {
                list.add(f);
            }
        }
        list.add(new Field(name, value));
        return new HeaderFields(List.copyOf(list));
    }

    /** A copy with one more field {@code name: value} at the end, existing fields of that name kept. */
    public HeaderFields plus(String name, String value) {
        List<Field> list = new ArrayList<>(fields);
        list.add(new Field(name, value));
        return new HeaderFields(List.copyOf(list));
    }

    /** All fields in order. */
    public List<Field> fields() {
        return fields;
    }

    /** Number of fields (a repeated name counts once per value). */
    public int size() {
        return fields.size();
    }

    /**
     * The fields grouped by lower-cased name, names in first-seen order, values in arrival order.
     * Handy for assertions: {@code assertEquals(List.of("a", "b"), h.toMultimap().get("x-multi"))}.
     */
    public Map<String, List<String>> toMultimap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Field f : fields) {
            map.computeIfAbsent(f.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f.value());
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderFields other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
