package dev.anyclaude.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.anyclaude.api.AnthropicException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The fast scanner against Jackson: where it answers, Jackson answers the same; where Jackson refuses, it does not
 * answer. And it does answer for the bodies clients send.
 */
class RequestScanTest {
    private static final JsonFactory JACKSON = new ProtocolJson().mapper().getFactory();
    private static final ObjectMapper WRITER = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    @Property(tries = 300)
    void plainRequestsTakeTheFastPathAndAgreeWithJackson(@ForAll("requests") byte[] body) {
        RequestPeek jackson = RequestPeek.byJackson(JACKSON, body, RequestPeek.Kind.MESSAGES);

        assertThat(RequestScan.peek(body, RequestPeek.Kind.MESSAGES)).isEqualTo(jackson);
        assertThat(RequestScan.peek(body, RequestPeek.Kind.COUNT_TOKENS)).isEqualTo(jackson);
    }

    @Property(tries = 2000)
    void mutatedBodiesAreAnsweredOnlyWhenJacksonAgrees(@ForAll("requests") byte[] body, @ForAll long seed) {
        byte[] mutated = JsonSamples.mutate(body, new Random(seed));

        RequestPeek scanned = RequestScan.peek(mutated, RequestPeek.Kind.MESSAGES);

        Statistics.label("scanner answered").collect(scanned != null);
        Statistics.label("scanner answered").coverage(checker -> {
            checker.check(true).percentage(p -> p > 5);
            checker.check(false).percentage(p -> p > 30);
        });
        if (scanned != null) {
            assertThat(RequestPeek.byJackson(JACKSON, mutated, RequestPeek.Kind.MESSAGES)).isEqualTo(scanned);
        }
    }

    @Property(tries = 100)
    void noPrefixOfABodyIsAnswered(@ForAll("requests") byte[] body) {
        for (int length = 0; length < body.length; length++) {
            byte[] prefix = java.util.Arrays.copyOf(body, length);
            assertThat(RequestScan.peek(prefix, RequestPeek.Kind.MESSAGES)).as("prefix of %d bytes", length).isNull();
        }
    }

    @Test
    void flagsExactlyTheBytesAStringMustStopAt() {
        Random random = new Random(7);
        for (int b = 0; b < 256; b++) {
            for (int at = 0; at < 8; at++) {
                for (int filler = 0; filler < 256; filler++) {
                    long word = filler * 0x0101010101010101L & ~(0xFFL << (8 * at)) | (long) b << (8 * at);
                    assertThat(RequestScan.special(word)).isEqualTo(flags(word));
                }
            }
        }
        for (int n = 0; n < 1_000_000; n++) {
            long word = random.nextLong();
            assertThat(RequestScan.special(word)).isEqualTo(flags(word));
        }
    }

    /** The scanner's rule, a byte at a time: a quote, a backslash, under 0x20 or over 0x7F. */
    private static long flags(long word) {
        long flags = 0;
        for (int k = 0; k < 8; k++) {
            int b = (int) (word >>> (8 * k)) & 0xFF;
            if (b == '"' || b == '\\' || b < 0x20 || b > 0x7F) {
                flags |= 0x80L << (8 * k);
            }
        }
        return flags;
    }

    @Test
    void everyKindOfStringCharacterAtEveryPlaceInTheWord() {
        // The scanner reads strings eight bytes at a time: each special character is put before, inside and after
        // such a word, and at its end.
        List<String> specials = List.of("\\\"", "\\\\", "\\n", "\\u00e9", "\\uD83D\\uDE00", "é", "中", "😀", "\\/");
        for (String special : specials) {
            for (int before = 0; before <= 17; before++) {
                String text = "a".repeat(before) + special + "b".repeat(17 - before);
                byte[] body = ("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[\"" + text + "\"],\"x\":\"" + text
                        + "\",\"stream\":true}").getBytes(StandardCharsets.UTF_8);
                assertThat(RequestScan.peek(body, RequestPeek.Kind.MESSAGES)).as(text)
                        .isEqualTo(new RequestPeek("m", 1, true))
                        .isEqualTo(RequestPeek.byJackson(JACKSON, body, RequestPeek.Kind.MESSAGES));
            }
        }
        for (int before = 0; before <= 17; before++) {
            for (byte control : new byte[] {0, 9, 10, 0x1F}) {
                byte[] body = ("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[\"" + "a".repeat(before) + "#"
                        + "b".repeat(17 - before) + "\"]}").getBytes(StandardCharsets.US_ASCII);
                body[41 + before] = control;
                assertThat(RequestScan.peek(body, RequestPeek.Kind.MESSAGES)).isNull();
                assertThatThrownBy(() -> RequestPeek.byJackson(JACKSON, body, RequestPeek.Kind.MESSAGES))
                        .isInstanceOf(AnthropicException.class);
            }
        }
    }

    @Test
    void leavesToJacksonWhatIsInvalidOrNotPlain() {
        List<String> bodies = List.of(
                "{}", "[]", "", " ", "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[]",
                "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[],}",
                "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[1,]}",
                "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[]} {}",
                "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[]}x",
                "{\"model\":\"m\",\"max_tokens\":05,\"messages\":[]}",
                "{\"model\":\"m\",\"max_tokens\":1.0,\"messages\":[]}",
                "{\"model\":\"m\",\"max_tokens\":1e3,\"messages\":[]}",
                "{\"model\":\"m\",\"max_tokens\":-1,\"messages\":[]}",
                "{\"model\":\"m\",\"max_tokens\":1000000000,\"messages\":[]}",
                "{\"model\":\"m\",\"max_tokens\":null,\"messages\":[]}",
                "{\"model\":\"m\",\"max_tokens\":\"1\",\"messages\":[]}",
                "{\"model\":\"m\",\"messages\":[]}",
                "{\"model\":\"m\",\"max_tokens\":1}",
                "{\"model\":\"m\",\"max_tokens\":1,\"messages\":{}}",
                "{\"model\":\" \",\"max_tokens\":1,\"messages\":[]}",
                "{\"model\":7,\"max_tokens\":1,\"messages\":[]}",
                "{\"model\":\"cl\\u0061ude\",\"max_tokens\":1,\"messages\":[]}",
                "{\"mod\\u0065l\":\"m\",\"max_tokens\":1,\"messages\":[]}",
                "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[],\"é\":1}",
                "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[],\"stream\":\"true\"}",
                "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[],\"stream\":tru}",
                "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[],\"stream\":truex}",
                "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[01]}",
                "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[1.]}",
                "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[.5]}",
                "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[-]}",
                "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[+1]}",
                "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[NaN]}",
                "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[1e]}",
                "{\"model\":\"m\",\"max_tokens\":1,\"messages\":['a']}",
                "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[\"\\a\"]}",
                "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[\"\\u12G4\"]}",
                "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[{a:1}]}",
                "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[]} // comment",
                "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[" + "1".repeat(501) + "]}",
                "\uFEFF{\"model\":\"m\",\"max_tokens\":1,\"messages\":[]}");
        for (String body : bodies) {
            assertThat(RequestScan.peek(body.getBytes(StandardCharsets.UTF_8), RequestPeek.Kind.MESSAGES))
                    .as(body).isNull();
        }
    }

    @Test
    void refusesInvalidUtf8AndAcceptsEveryValidForm() {
        byte[][] invalid = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xC1, (byte) 0xBF}, {(byte) 0x80},
                {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xC3}, {(byte) 0xE4, (byte) 0xB8}};
        for (byte[] sequence : invalid) {
            assertThat(RequestScan.peek(withString(sequence), RequestPeek.Kind.MESSAGES)).isNull();
        }
        for (int codePoint : new int[] {0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF}) {
            byte[] body = withString(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
            assertThat(RequestScan.peek(body, RequestPeek.Kind.MESSAGES)).as("U+%X", codePoint)
                    .isEqualTo(RequestPeek.byJackson(JACKSON, body, RequestPeek.Kind.MESSAGES));
        }
    }

    @Test
    void leavesDeepBodiesToJacksonWellUnderItsLimit() {
        assertThat(StreamReadConstraints.defaults().getMaxNestingDepth()).isGreaterThan(250);
        byte[] deep = ("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[" + "[".repeat(250) + "]".repeat(250) + "]}")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] shallow = ("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[" + "[".repeat(150) + "]".repeat(150) + "]}")
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(RequestScan.peek(deep, RequestPeek.Kind.MESSAGES)).isNull();
        assertThat(RequestScan.peek(shallow, RequestPeek.Kind.MESSAGES)).isEqualTo(new RequestPeek("m", 1, false));
    }

    @Test
    void theLastOfRepeatedFieldsCountsAsWithJackson() {
        byte[] body = ("{\"stream\":true,\"model\":\"a\",\"max_tokens\":1,\"messages\":[],\"model\":\"b\","
                + "\"max_tokens\":999999999,\"stream\":null}").getBytes(StandardCharsets.US_ASCII);

        assertThat(RequestScan.peek(body, RequestPeek.Kind.MESSAGES)).isEqualTo(new RequestPeek("b", 999999999, false))
                .isEqualTo(RequestPeek.byJackson(JACKSON, body, RequestPeek.Kind.MESSAGES));
    }

    private static byte[] withString(byte[] inside) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[\"ab".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(inside);
        out.writeBytes("cdefghijk\"]}".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Provide
    Arbitrary<byte[]> requests() {
        Arbitrary<String> models = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(30)
                .filter(m -> !m.contains("\"") && !m.contains("\\"));
        Arbitrary<Object> streams = Arbitraries.<Object>of(true, false, Optional.NULL, Optional.ABSENT);
        Arbitrary<Map<String, Object>> extras = Arbitraries.maps(
                Arbitraries.of("system", "tools", "metadata", "temperature", "thinking", "tool_choice", "top_k"),
                JsonSamples.value(2)).ofMaxSize(4);
        return Combinators.combine(models, Arbitraries.integers().between(0, 999_999_999), streams,
                        JsonSamples.value(3).list().ofMaxSize(4), extras, Arbitraries.integers().between(0, 1000),
                        Arbitraries.of(false, true))
                .as((model, maxTokens, stream, messages, extra, order, pretty) -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("model", model);
                    fields.put("max_tokens", maxTokens);
                    fields.put("messages", messages);
                    if (stream != Optional.ABSENT) {
                        fields.put("stream", stream == Optional.NULL ? null : stream);
                    }
                    fields.putAll(extra);
                    List<String> keys = new ArrayList<>(fields.keySet());
                    Collections.shuffle(keys, new Random(order));
                    Map<String, Object> ordered = new LinkedHashMap<>();
                    keys.forEach(k -> ordered.put(k, fields.get(k)));
                    try {
                        return (pretty ? PRETTY : WRITER).writeValueAsBytes(ordered);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    private enum Optional { NULL, ABSENT }
}
