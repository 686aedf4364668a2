package dev.anyclaude.plugins.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The canonical form's string and number writing (strings through {@code AsciiJsonString}, integers without
 * {@code BigDecimal}) against the plain tree writer the key format was defined by: Jackson's {@code writeString}, every
 * number through {@code BigDecimal}.
 */
class CanonicalFormTest {
    private static final JsonFactory FACTORY = new JsonFactory();
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

    /** The canonical form as first defined: keys sorted, Jackson's strings, numbers through BigDecimal. */
    private static String plain(ObjectNode request) throws IOException {
        ObjectNode copy = request.deepCopy();
        copy.remove(List.of("model", "stream", "metadata", "service_tier", "cache_control"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = FACTORY.createGenerator(bytes)) {
            writePlain(copy, out);
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writePlain(JsonNode node, JsonGenerator out) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.writeStartObject();
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                names.sort(null);
                for (String name : names) {
                    out.writeFieldName(name);
                    writePlain(node.get(name), out);
                }
                out.writeEndObject();
            }
            case ARRAY -> {
                out.writeStartArray();
                for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                    writePlain(it.next(), out);
                }
                out.writeEndArray();
            }
            case NUMBER -> out.writeNumber(node.decimalValue().stripTrailingZeros().toPlainString());
            case STRING -> out.writeString(node.textValue());
            case BOOLEAN -> out.writeBoolean(node.booleanValue());
            default -> out.writeNull();
        }
    }

}
