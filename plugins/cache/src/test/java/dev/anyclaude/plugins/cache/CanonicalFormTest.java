package dev.anyclaude.plugins.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The canonical form's string and number writing (strings through {@code AsciiJsonString} or copied from the body,
 * integers without {@code BigDecimal}) against the tree writer the key format was defined by
 * ({@link TreeCanonicalForm}: Jackson's {@code writeString}, numbers through {@code BigDecimal} but for integers).
 */
class CanonicalFormTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Property(tries = 2000)
    void stringsAreWrittenAsJacksonWritesThem(@ForAll("strings") String value) throws IOException {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("extra", value);
        assertThat(CacheKeys.canonical(request)).isEqualTo(plain(request));
    }

    @Test
    void everyCharacterUnderTheFirstSurrogateIsWrittenAsJacksonWritesIt() throws IOException {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < Character.MIN_SURROGATE; c++) {
            all.append(c);
            ObjectNode alone = JsonNodeFactory.instance.objectNode().put("extra", String.valueOf(c));
            assertThat(CacheKeys.canonical(alone)).as("U+%04X", (int) c).isEqualTo(plain(alone));
        }
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("extra", all.toString());
        assertThat(CacheKeys.canonical(request)).isEqualTo(plain(request));
    }

    /**
     * A request's canonical form, with values of any shape under a member the canonical rules leave alone, is what the
     * plain tree writer (Jackson's strings, every number through {@code BigDecimal}) gives.
     */
    @Property(tries = 500)
    void canonicalFormIsThePlainWritersForAnyValue(@ForAll("values") JsonNode value) throws IOException {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("max_tokens", 10);
        request.set("extra", value);
        byte[] reparsed = MAPPER.writeValueAsBytes(request);
        ObjectNode tree = (ObjectNode) MAPPER.readTree(reparsed);
        assertThat(CacheKeys.canonical(tree)).isEqualTo(plain(tree));
    }

    @Provide
    Arbitrary<String> strings() {
        Arbitrary<Character> tricky = Arbitraries.of('"', '\\', '\n', '\t', '\u0000', '\u001f', '\u007f', '\u0080',
                'é', '€', '\u2028', '\ud83d', '\ude00', '\ud800', '\udfff', '\ufffd', '?', '/');
        Arbitrary<Character> any = Arbitraries.chars().all();
        Arbitrary<Character> ascii = Arbitraries.chars().range(' ', '~');
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, ascii), net.jqwik.api.Tuple.of(2, tricky), net.jqwik.api.Tuple.of(1, any))
                .list().ofMaxSize(70).map(chars -> {
                    StringBuilder out = new StringBuilder(chars.size());
                    chars.forEach(out::append);
                    return out.toString();
                });
    }

    @Provide
    Arbitrary<JsonNode> values() {
        return value(3);
    }

    private Arbitrary<JsonNode> value(int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                strings().map(nodes::textNode),
                Arbitraries.integers().map(nodes::numberNode),
                Arbitraries.longs().map(nodes::numberNode),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(18).negate(), BigInteger.TEN.pow(22))
                        .map(nodes::numberNode),
                Arbitraries.doubles().map(nodes::numberNode),
                Arbitraries.of(0.0, -0.0, 1.0, 1.5, 1e20, 1e18, 9.223372036854776E18, -9.223372036854776E18, 3.0e-5,
                        1e-7, 123456789.125).map(nodes::numberNode),
                Arbitraries.of(nodes.booleanNode(true), nodes.booleanNode(false), nodes.nullNode()));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> array = value(depth - 1).list().ofMaxSize(4).map(items -> {
            ArrayNode out = nodes.arrayNode();
            items.forEach(out::add);
            return out;
        });
        Arbitrary<JsonNode> object = net.jqwik.api.Combinators.combine(
                        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6).list().ofMaxSize(4),
                        value(depth - 1).list().ofSize(4))
                .as((names, values) -> {
                    ObjectNode out = nodes.objectNode();
                    for (int i = 0; i < names.size(); i++) {
                        out.set(names.get(i), values.get(i));
                    }
                    return out;
                });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(1, array),
                net.jqwik.api.Tuple.of(1, object));
    }

    /**
     * The canonical form as first defined: the tree writer (Jackson's strings; an integer as a long, any other number
     * through BigDecimal, as it then was for every number: the same digits).
     */
    private static String plain(ObjectNode request) throws IOException {
        return TreeCanonicalForm.of(request);
    }

}
