package dev.anyclaude.plugins.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The canonical form written from the parser's tokens against the tree it was first computed from
 * ({@link TreeCanonicalForm}), on request bodies as text: members in any order, names twice (the tree keeps the last),
 * content and system in every shape, tool results with their content before or after their type, cache_control and
 * Claude Code's billing-header block where the rules drop them and where they do not.
 */
class CanonicalRequestTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    @Property(tries = 3000)
    void isWhatTheTreeGaveForAnyRequest(@ForAll("requests") String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String tree = TreeCanonicalForm.of((ObjectNode) MAPPER.readTree(bytes));

        assertThat(CanonicalRequest.of(FACTORY, bytes).text()).isEqualTo(tree);
    }

    @Test
    void aToolResultsContentBeforeItsTypeIsReadAgainAsBlocks() throws IOException {
        String body = """
                {"messages":[{"role":"user","content":[{"content":"done","tool_use_id":"t1","type":"tool_result",
                "cache_control":{"type":"ephemeral"}},{"content":"kept as it is","type":"text","text":"x"}]}]}""";

        assertThat(CanonicalRequest.of(FACTORY, body.getBytes(StandardCharsets.UTF_8)).text()).isEqualTo(
                "{\"messages\":[{\"content\":[{\"content\":[{\"text\":\"done\",\"type\":\"text\"}],"
                        + "\"tool_use_id\":\"t1\",\"type\":\"tool_result\"},"
                        + "{\"content\":\"kept as it is\",\"text\":\"x\",\"type\":\"text\"}],\"role\":\"user\"}]}");
    }

    @Test
    void aNameGivenTwiceCountsOnceWithItsLastValue() throws IOException {
        String body = "{\"b\":1,\"a\":{\"y\":1,\"x\":2,\"y\":3},\"b\":[2],\"max_tokens\":5}";

        assertThat(CanonicalRequest.of(FACTORY, body.getBytes(StandardCharsets.UTF_8)).text())
                .isEqualTo("{\"a\":{\"x\":2,\"y\":3},\"b\":[2],\"max_tokens\":5}");
    }

    @Test
    void onlyAnObjectHasACanonicalFormAndBrokenJsonSaysWhere() throws IOException {
        assertThat(CanonicalRequest.of(FACTORY, "[1]".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(CanonicalRequest.of(FACTORY, new byte[0])).isNull();
        assertThat(CanonicalRequest.of(FACTORY, "{\"a\":1} trailing".getBytes(StandardCharsets.UTF_8)).text())
                .isEqualTo("{\"a\":1}"); // as readTree: what follows the first value is not read
        assertThatThrownBy(() -> CanonicalRequest.of(FACTORY, "{\"a\":[1,}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("line: 1");
    }

    /** Bytes that are not the UTF-8 Jackson's writer gives back (overlong, an encoded surrogate, four bytes, broken). */
    @Test
    void stringsOfBytesJacksonWouldNotWriteSoAreWrittenAsTheTreeWroteThem() throws IOException {
        int[][] sequences = {{0xC0, 0x80}, {0xC1, 0xBF}, {0xE0, 0x80, 0x80}, {0xED, 0xA0, 0x80}, {0xED, 0xBF, 0xBF},
                {0xF0, 0x9F, 0x98, 0x80}, {0xC3, 0xA9}, {0xE2, 0x82, 0xAC}, {0xEF, 0xBF, 0xBF}, {0x80}, {0xC3}, {0xFF}};
        for (int[] sequence : sequences) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.writeBytes("{\"system\":\"a".getBytes(StandardCharsets.US_ASCII));
            for (int b : sequence) {
                body.write(b);
            }
            body.writeBytes("z\",\"max_tokens\":1}".getBytes(StandardCharsets.US_ASCII));
            byte[] bytes = body.toByteArray();
            String tree;
            try {
                tree = TreeCanonicalForm.of((ObjectNode) MAPPER.readTree(bytes));
            } catch (IOException rejected) {
                assertThatThrownBy(() -> CanonicalRequest.of(FACTORY, bytes)).isInstanceOf(IOException.class);
                continue;
            }
            assertThat(CanonicalRequest.of(FACTORY, bytes).text()).as(java.util.Arrays.toString(sequence)).isEqualTo(tree);
        }
    }

    @Provide
    Arbitrary<String> requests() {
        Arbitrary<String> system = Arbitraries.oneOf(billingOrText(), blocks(2), value(1));
        Arbitrary<String> messages = Arbitraries.oneOf(message().list().ofMaxSize(3).map(CanonicalRequestTest::array),
                value(1));
        Arbitrary<String> tools = Arbitraries.oneOf(tool().list().ofMaxSize(3).map(CanonicalRequestTest::array),
                value(1));
        return object(List.of(
                member("model", Arbitraries.of("\"claude-sonnet-4-5\"", "\"m\"")),
                member("stream", Arbitraries.of("true", "false")),
                member("metadata", value(1)),
                member("service_tier", Arbitraries.just("\"auto\"")),
                member("cache_control", Arbitraries.just("{\"type\":\"ephemeral\"}")),
                member("system", system),
                member("messages", messages),
                member("tools", tools),
                member("max_tokens", number()),
                member("temperature", number()),
                member("extra", value(2))));
    }

    private Arbitrary<String> message() {
        return object(List.of(
                member("role", Arbitraries.of("\"user\"", "\"assistant\"")),
                member("content", Arbitraries.oneOf(string(), blocks(2), value(1))),
                member("cache_control", Arbitraries.just("{\"type\":\"ephemeral\"}"))));
    }

    private Arbitrary<String> tool() {
        return object(List.of(
                member("name", Arbitraries.of("\"Read\"", "\"Bash\"")),
                member("description", string()),
                member("input_schema", value(2)),
                member("cache_control", Arbitraries.just("{\"type\":\"ephemeral\"}"))));
    }

    private Arbitrary<String> blocks(int depth) {
        return block(depth).list().ofMaxSize(3).map(CanonicalRequestTest::array);
    }

    private Arbitrary<String> block(int depth) {
        Arbitrary<String> content = depth == 0 ? Arbitraries.oneOf(string(), value(1))
                : Arbitraries.oneOf(string(), blocks(depth - 1), value(1));
        Arbitrary<String> object = object(List.of(
                member("type", Arbitraries.of("\"text\"", "\"tool_result\"", "\"tool_use\"", "1")),
                member("text", billingOrText()),
                member("content", content),
                member("tool_use_id", Arbitraries.just("\"toolu_1\"")),
                member("cache_control", Arbitraries.just("{\"type\":\"ephemeral\"}"))));
        return Arbitraries.frequencyOf(Tuple.of(5, object), Tuple.of(1, value(1)));
    }

    private Arbitrary<String> billingOrText() {
        return Arbitraries.oneOf(string(),
                Arbitraries.of("\"x-anthropic-billing-header: cc_version=2.0.14; cc_entrypoint=cli\"",
                        "\"x-anthropic-billing-header:\""));
    }

    /** An object of some of these members, in any order, a member sometimes twice. */
    private static Arbitrary<String> object(List<Arbitrary<String>> members) {
        Arbitrary<List<String>> chosen = Combinators.combine(members.stream()
                        .map(member -> Arbitraries.frequencyOf(Tuple.of(3, member.map(List::of)),
                                Tuple.of(1, Arbitraries.just(List.<String>of())),
                                Tuple.of(1, member.list().ofSize(2))))
                        .toList())
                .as(lists -> {
                    List<String> all = new ArrayList<>();
                    lists.forEach(all::addAll);
                    return all;
                });
        return chosen.flatMap(list -> Arbitraries.shuffle(list))
                .map(list -> "{" + String.join(",", list) + "}");
    }

    private static Arbitrary<String> member(String name, Arbitrary<String> value) {
        return value.map(v -> "\"" + name + "\":" + v);
    }

    private static String array(List<String> items) {
        return "[" + String.join(",", items) + "]";
    }

    private Arbitrary<String> value(int depth) {
        Arbitrary<String> leaf = Arbitraries.oneOf(string(), number(), Arbitraries.of("true", "false", "null"));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> array = value(depth - 1).list().ofMaxSize(3).map(CanonicalRequestTest::array);
        Arbitrary<String> object = Combinators.combine(
                        Arbitraries.of("a", "b", "text", "type", "content", "cache_control", "é", "Z").list().ofMaxSize(4),
                        value(depth - 1).list().ofSize(4))
                .as((names, values) -> {
                    List<String> members = new ArrayList<>();
                    for (int i = 0; i < names.size(); i++) {
                        members.add(quoted(names.get(i)) + ":" + values.get(i));
                    }
                    return "{" + String.join(",", members) + "}";
                });
        return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(1, array), Tuple.of(1, object));
    }

    private Arbitrary<String> number() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(18).negate(), java.math.BigInteger.TEN.pow(22))
                        .map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("0", "-0", "1.0", "-0.0", "1e3", "2E+3", "3.0e-5", "1e20", "0.50", "1e0", "123456789.125"));
    }

    /**
     * A JSON string literal: escapes and characters outside ASCII (pairs, unpaired surrogates) among plain text, each
     * character spelled as JSON allows: as it is where it may be, with its short escape, or as backslash-u with upper
     * or lower case hex (as Node's JSON.stringify writes control characters), a slash sometimes escaped.
     */
    private Arbitrary<String> string() {
        Arbitrary<Character> tricky = Arbitraries.of('"', '\\', '\n', '\t', '\b', '\u0000', '\u001f', '\u007f', 'é', '€',
                '\ud83d', '\ude00', '\ud800', '/');
        Arbitrary<Character> ascii = Arbitraries.chars().range(' ', '~');
        Arbitrary<Tuple.Tuple2<Character, Integer>> spelled = Combinators.combine(
                Arbitraries.frequencyOf(Tuple.of(8, ascii), Tuple.of(1, tricky)),
                Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(1, 3))))
                .as(Tuple::of);
        return Arbitraries.frequencyOf(
                Tuple.of(3, spelled.list().ofMaxSize(20).map(CanonicalRequestTest::literal)),
                Tuple.of(1, spelled.list().ofMaxSize(20).map(chars -> {
                    StringBuilder text = new StringBuilder();
                    chars.forEach(c -> text.append(c.get1()));
                    return quoted(text.toString()); // as Jackson writes it
                })));
    }

    /** Spelling 0: as it is where JSON allows it; 1: short escape if any; 2: upper-case hex; 3: lower-case hex. */
    private static String literal(List<Tuple.Tuple2<Character, Integer>> chars) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < chars.size(); i++) {
            char c = chars.get(i).get1();
            int how = chars.get(i).get2();
            if (how == 0 && Character.isHighSurrogate(c) && i + 1 < chars.size()
                    && Character.isLowSurrogate(chars.get(i + 1).get1())) {
                out.append(c).append(chars.get(++i).get1()); // a pair as it is: four bytes of UTF-8
                continue;
            }
            String shortEscape = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\t' -> "\\t";
                case '\b' -> "\\b";
                case '/' -> "\\/";
                default -> null;
            };
            boolean plain = c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c);
            if (how == 0 && plain) {
                out.append(c);
            } else if ((how <= 1) && shortEscape != null) {
                out.append(shortEscape);
            } else {
                String hex = String.format("%04x", (int) c);
                out.append("\\u").append(how == 3 ? hex : hex.toUpperCase(java.util.Locale.ROOT));
            }
        }
        return out.append('"').toString();
    }

    private static String quoted(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
