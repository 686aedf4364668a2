package dev.anyclaude.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.api.model.Content;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.InputMessage;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.Tool;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class TokenEstimateTest {

    @Property(tries = 2000)
    void printedLengthIsTheLengthOfTheValuePrinted(@ForAll("jsonValues") Object value) {
        assertThat(TokenEstimate.printedLength(value)).isEqualTo(String.valueOf(value).length());
    }

    @Test
    void printedLengthOfTheEdges() {
        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("a", null);
        for (Object value : List.of(Map.of(), List.of(), "", withNull, List.of(List.of(), Map.of()), 1.5e300,
                new BigDecimal("1e-400"), Long.MIN_VALUE, true)) {
            assertThat(TokenEstimate.printedLength(value)).as("%s", value).isEqualTo(String.valueOf(value).length());
        }
        assertThat(TokenEstimate.printedLength(null)).isEqualTo(4);
    }

    @Test
    void countsTextToolsAndMessageFraming() {
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("path", Map.of("type", "string")));
        MessagesRequest request = new MessagesRequest("m", 100,
                List.of(new InputMessage("user", Content.of("x".repeat(40)), Map.of()),
                        new InputMessage("assistant", new Content(List.of(
                                new ContentBlock.ToolUse("t1", "Read", Map.of("path", "/a"), Map.of()))), Map.of())),
                Content.of("y".repeat(20)), null, null, null, null, null,
                List.of(Tool.of("Read", "reads", schema)), null, null, null, null, null, null, Map.of());
        long chars = 20 + 40 + "Read".length() + String.valueOf(Map.of("path", "/a")).length()
                + "Read".length() + "reads".length() + String.valueOf(schema).length();
        long expected = (chars + 3) / 4 + 2 * 4;

        assertThat(TokenEstimate.inputTokens(request)).isEqualTo(expected);
        assertThat(TokenEstimate.of(request)).containsEntry("input_tokens", expected).containsEntry("estimated", true);
    }

    @Provide
    Arbitrary<Object> jsonValues() {
        return value(3);
    }

    private static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> leaves = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<Object> inner = value(depth - 1);
        Arbitrary<Object> lists = inner.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l));
        Arbitrary<Object> maps = Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(6), inner).ofMaxSize(4)
                .map(m -> (Object) new LinkedHashMap<>(m));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaves), net.jqwik.api.Tuple.of(2, lists), net.jqwik.api.Tuple.of(2, maps));
    }
}
