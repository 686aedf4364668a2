package dev.anyclaude.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeaderFieldsTest {

    @Test
    void lookupIgnoresCaseAndKeepsRepeatedValuesInOrder() {
        HeaderFields h = HeaderFields.of("X-A", "1", "content-type", "text/plain", "x-a", "2");

        assertEquals(Optional.of("1"), h.first("x-A"));
        assertEquals(List.of("1", "2"), h.all("X-A"));
        assertEquals(Map.of("x-a", List.of("1", "2"), "content-type", List.of("text/plain")), h.toMultimap());
        assertEquals(Optional.empty(), h.first("missing"));
    }

    @Test
    void withReplacesAndPlusAppends() {
        HeaderFields h = HeaderFields.of("a", "1", "A", "2");

        assertEquals(List.of("3"), h.with("a", "3").all("a"));
        assertEquals(List.of("1", "2", "3"), h.plus("a", "3").all("a"));
        assertEquals(List.of("1", "2"), h.all("a"));
    }

    @Test
    void oddNamesAndValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> HeaderFields.of("a"));
    }
}
