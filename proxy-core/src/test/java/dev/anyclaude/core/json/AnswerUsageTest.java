package dev.anyclaude.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.api.model.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The usage of answers and stream lines: Jackson's reading agrees with a tree's, and the fast scan, where it answers,
 * with Jackson's; it answers for what servers send.
 */
class AnswerUsageTest {
    private static final ObjectMapper MAPPER = new ProtocolJson().mapper();
    private static final JsonFactory JACKSON = MAPPER.getFactory();

    private static AnswerUsage scan(byte[] bytes, String nested) {
        return UsageScan.scan(bytes, 0, bytes.length, nested == null ? null : JsonScan.ascii(nested));
    }

    private static AnswerUsage jackson(byte[] bytes, String nested) {
        return AnswerUsage.byJackson(JACKSON, bytes, 0, bytes.length, nested);
    }

    /** The reading the request log had before there was a streaming one: from a tree. */
    private static AnswerUsage tree(byte[] bytes, String nested) throws Exception {
        JsonNode root = MAPPER.readTree(bytes);
        if (root == null || !root.isObject()) {
            return null;
        }
        JsonNode node = root.path("usage");
        if (node.isMissingNode() && nested != null) {
            node = root.path(nested).path("usage");
        }
        if (!node.isObject()) {
            return AnswerUsage.NONE;
        }
        return new AnswerUsage(new Usage(count(node, "input_tokens"), count(node, "output_tokens"),
                count(node, "cache_creation_input_tokens"), count(node, "cache_read_input_tokens"), Map.of()));
    }

    private static Integer count(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.canConvertToInt() ? value.asInt() : null;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Property(tries = 300)
    void plainAnswersTakeTheFastPathAndAgreeWithJacksonAndATree(@ForAll("plainAnswers") byte[] body) throws Exception {
        for (String nested : new String[] {null, "message"}) {
            AnswerUsage scanned = scan(body, nested);

            assertThat(scanned).isNotNull().isEqualTo(jackson(body, nested)).isEqualTo(tree(body, nested));
            assertThat(AnswerUsage.of(JACKSON, body, 0, body.length, nested)).isEqualTo(scanned);
        }
    }

    @Property(tries = 2000)
    void mutatedAnswersAreAnsweredOnlyWhenJacksonAgrees(@ForAll("answers") byte[] body, @ForAll long seed) {
        byte[] mutated = JsonSamples.mutate(body, new Random(seed));

        AnswerUsage scanned = scan(mutated, "message");

        Statistics.label("scanner answered").collect(scanned != null);
        Statistics.label("scanner answered").coverage(checker -> {
            checker.check(true).percentage(p -> p > 5);
            checker.check(false).percentage(p -> p > 30);
        });
        if (scanned != null) {
            assertThat(jackson(mutated, "message")).isEqualTo(scanned);
        }
    }

    @Property(tries = 100)
    void noPrefixOfAnAnswerIsAnswered(@ForAll("answers") byte[] body) {
        for (int length = 0; length < body.length; length++) {
            assertThat(UsageScan.scan(body, 0, length, null)).as("prefix of %d bytes", length).isNull();
            assertThat(AnswerUsage.of(JACKSON, body, 0, length, null)).as("prefix of %d bytes", length).isNull();
        }
    }

    @Test
    void readsAStreamLineInPlace() {
        byte[] line = utf8("data: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"usage\":{\"input_tokens\":25,"
                + "\"output_tokens\":1}}}\r\nevent: ping");
        int length = line.length - "\r\nevent: ping".length() - 6;

        assertThat(UsageScan.scan(line, 6, length, JsonScan.ascii("message")))
                .isEqualTo(new AnswerUsage(Usage.of(25, 1)))
                .isEqualTo(AnswerUsage.byJackson(JACKSON, line, 6, length, "message"));
        assertThat(UsageScan.scan(line, 6, length + 1, JsonScan.ascii("message"))).isEqualTo(new AnswerUsage(Usage.of(25, 1)));
        assertThat(UsageScan.scan(line, 6, length + 3, JsonScan.ascii("message"))).isNull();
    }

    @Test
    void countsAndRepeatsAreReadAsATreeReadsThem() throws Exception {
        String[] usages = {
            "{\"input_tokens\":12,\"output_tokens\":3,\"cache_creation_input_tokens\":7,\"cache_read_input_tokens\":5}",
            "{\"input_tokens\":12.9,\"output_tokens\":-4}",
            "{\"input_tokens\":4294967296,\"output_tokens\":\"3\",\"cache_read_input_tokens\":null}",
            "{\"input_tokens\":1e3,\"output_tokens\":1e10,\"cache_creation_input_tokens\":[1]}",
            "{\"input_tokens\":1,\"input_tokens\":2,\"server_tool_use\":{\"web_search_requests\":1},\"output_tokens\":{\"a\":1}}",
            "{\"input_tokens\":999999999,\"output_tokens\":1000000000,\"cache_read_input_tokens\":2147483647}",
            "{\"input_tokens\":0,\"output_tokens\":-0,\"cache_read_input_tokens\":2147483648}",
            "{\"inp\\u0075t_tokens\":5,\"output_tokens\":true}",
            "{}",
        };
        for (String usage : usages) {
            byte[] body = utf8("{\"id\":\"msg_1\",\"usage\":" + usage + ",\"stop_reason\":\"end_turn\"}");
            AnswerUsage jackson = jackson(body, null);
            assertThat(jackson).as(usage).isEqualTo(tree(body, null));
            assertThat(AnswerUsage.of(JACKSON, body, 0, body.length, null)).as(usage).isEqualTo(jackson);
            AnswerUsage scanned = scan(body, null);
            if (scanned != null) {
                assertThat(scanned).as(usage).isEqualTo(jackson);
            }
        }
        assertThat(scan(utf8("{\"usage\":" + usages[0] + "}"), null)).isNotNull();
        assertThat(scan(utf8("{\"usage\":" + usages[4] + "}"), null)).isNotNull();
    }

    @Test
    void streamLinesAreReadAsATreeReadsThem() throws Exception {
        String[] lines = {
            "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"content\":[],\"usage\":{\"input_tokens\":25,\"output_tokens\":1,\"cache_read_input_tokens\":3}}}",
            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":15}}",
            "{\"usage\":{\"output_tokens\":2},\"message\":{\"usage\":{\"input_tokens\":9}}}",
            "{\"message\":{\"usage\":{\"input_tokens\":9}},\"usage\":null}",
            "{\"message\":{\"usage\":{\"input_tokens\":9}},\"message\":{\"id\":\"m\"}}",
            "{\"message\":[{\"usage\":{\"input_tokens\":9}}],\"text\":\"\\\"usage\\\"\"}",
            "{\"message\":{\"usage\":{\"input_tokens\":1.5e1,\"output_tokens\":\"7\"},\"usage\":{\"output_tokens\":4}}}",
            "{\"message\":{\"message\":{\"usage\":{\"input_tokens\":9}}}}",
            "{\"usage\":{\"input_tokens\":1},\"usage\":5}",
            "{\"us\\u0061ge\":{\"input_tokens\":1}}",
            "{}",
        };
        for (String line : lines) {
            byte[] body = utf8(line);
            AnswerUsage jackson = jackson(body, "message");
            assertThat(jackson).as(line).isEqualTo(tree(body, "message"));
            AnswerUsage scanned = scan(body, "message");
            if (scanned != null) {
                assertThat(scanned).as(line).isEqualTo(jackson);
            }
        }
        assertThat(scan(utf8(lines[0]), "message")).isEqualTo(new AnswerUsage(new Usage(25, 1, null, 3, Map.of())));
        assertThat(scan(utf8(lines[1]), "message")).isEqualTo(new AnswerUsage(new Usage(null, 15, null, null, Map.of())));
    }

    @Test
    void whatIsNotAWholeObjectHasNoUsage() {
        for (String body : new String[] {"[{\"usage\":{\"input_tokens\":1}}]", "\"text\"", "<html>bad gateway</html>", "",
                "{\"usage\":{\"input_tokens\":1}", "{\"usage\":{\"input_tokens\":1},\"x\":tru}",
                "{\"id\":\"msg_1\",\"content\":[{\"type\":\"text\"", "{\"usage\":{\"input_tokens\":1,}}"}) {
            assertThat(scan(utf8(body), "message")).as(body).isNull();
            assertThat(AnswerUsage.of(JACKSON, utf8(body), 0, utf8(body).length, "message")).as(body).isNull();
        }
    }

    @Test
    void leavesToJacksonWhatItCannotReadPlainly() {
        String[] bodies = {
            "{\"usage\":{\"input_tokens\":-1}}", "{\"usage\":{\"input_tokens\":1000000000}}",
            "{\"usage\":{\"input_tokens\":1.0}}", "{\"usage\":{\"input_tokens\":1e2}}",
            "{\"us\\u0061ge\":{\"input_tokens\":1}}", "{\"usage\":{\"input_t\\u006fkens\":1}}",
            "{\"usage\":{\"input_tokens\":1}} trailing",
        };
        for (String body : bodies) {
            assertThat(scan(utf8(body), null)).as(body).isNull();
            assertThat(AnswerUsage.of(JACKSON, utf8(body), 0, utf8(body).length, null)).as(body).isNotNull();
        }
    }

    @Provide
    Arbitrary<byte[]> plainAnswers() {
        return answers(Arbitraries.integers().between(0, 999_999_999).map(String::valueOf));
    }

    @Provide
    Arbitrary<byte[]> answers() {
        return answers(Arbitraries.oneOf(
                Arbitraries.integers().between(0, 999_999_999).map(String::valueOf),
                Arbitraries.integers().between(0, 99).map(String::valueOf),
                Arbitraries.of("null", "\"7\"", "true", "[1]", "{\"a\":1}", "1.5", "1e3", "-4", "4294967296")));
    }

    /** Answers and stream lines, with usage at the top, in {@code message}, both, repeated or not at all. */
    private static Arbitrary<byte[]> answers(Arbitrary<String> counts) {
        Arbitrary<String> countNames = Arbitraries.of("input_tokens", "output_tokens", "cache_creation_input_tokens",
                "cache_read_input_tokens", "server_tool_use", "service_tier");
        Arbitrary<String> usages = Combinators.combine(countNames, counts).as(AnswerUsageTest::member)
                .list().ofMaxSize(6).map(members -> "{" + String.join(",", members) + "}");
        Arbitrary<String> others = Combinators.combine(Arbitraries.of("id", "type", "content", "model", "stop_reason",
                        "delta", "index", "text", "us", "usages", "messag"), JsonSamples.value(2))
                .as((name, value) -> member(name, write(value)));
        Arbitrary<String> usageMembers = Arbitraries.oneOf(
                usages.map(u -> member("usage", u)),
                Arbitraries.of("null", "5", "\"usage\"", "[]").map(u -> member("usage", u)));
        Arbitrary<String> messages = Combinators.combine(others.list().ofMaxSize(3), usageMembers.list().ofMaxSize(2),
                        Arbitraries.longs())
                .as((rest, usage, order) -> member("message", object(rest, usage, order, " ")));
        Arbitrary<String> anyMember = Arbitraries.frequencyOf(Tuple.of(6, others), Tuple.of(2, usageMembers),
                Tuple.of(2, messages));
        return Combinators.combine(anyMember.list().ofMaxSize(6), usageMembers.list().ofMaxSize(1), Arbitraries.longs(),
                        Arbitraries.of("", " ", "\n  ", "\t"))
                .as((rest, usage, order, space) -> utf8(object(rest, usage, order, space)));
    }

    private static String member(String name, String value) {
        return "\"" + name + "\":" + value;
    }

    private static String object(List<String> rest, List<String> usage, long order, String space) {
        List<String> members = new ArrayList<>(rest);
        members.addAll(usage);
        java.util.Collections.shuffle(members, new Random(order));
        return "{" + space + String.join("," + space, members) + space + "}";
    }

    private static String write(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
