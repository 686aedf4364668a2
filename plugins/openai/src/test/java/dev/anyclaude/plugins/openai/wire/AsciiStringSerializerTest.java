package dev.anyclaude.plugins.openai.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.nio.charset.StandardCharsets;
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

/** The serializer writes every string exactly as Jackson's own {@code writeString} does. */
class AsciiStringSerializerTest {
    private static final ObjectMapper JACKSON = JsonMapper.builder().build();
    private static final ObjectMapper FAST = JsonMapper.builder()
            .addModule(new SimpleModule().addSerializer(String.class, new AsciiStringSerializer())).build();

    @Property(tries = 3000)
    void writesWhatJacksonWrites(@ForAll("strings") String text) throws Exception {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("description", text);
        schema.put("enum", new ArrayList<>(List.of(text, "x")));
        Object value = List.of(text, schema, new ToolDefinition.FunctionDefinition("f", text, schema));

        assertThat(new String(FAST.writeValueAsBytes(value), StandardCharsets.UTF_8))
                .isEqualTo(new String(JACKSON.writeValueAsBytes(value), StandardCharsets.UTF_8));
        assertThat(FAST.writeValueAsString(value)).isEqualTo(JACKSON.writeValueAsString(value));
    }

    @Test
    void everyAsciiCharacterAtEveryPlaceOfTheWord() throws Exception {
        for (char c = 0; c < 0x80; c++) {
            for (int at = 0; at < 80; at++) {
                String text = "a".repeat(at) + c + "b".repeat(80 - at);
                assertThat(FAST.writeValueAsBytes(text)).as("U+%04X at %d", (int) c, at)
                        .isEqualTo(JACKSON.writeValueAsBytes(text));
            }
        }
    }

    @Test
    void loneSurrogatesAndQuestionMarksAsJacksonWritesThem() throws Exception {
        String filler = "x".repeat(70);
        for (String text : List.of(filler + "\uD800", "\uDC00" + filler, filler + "?" + "\uDBFF" + "?",
                filler + "??", filler + "\uD83D\uDE00", filler + "é", "?".repeat(100))) {
            assertThat(FAST.writeValueAsBytes(text)).as(text).isEqualTo(JACKSON.writeValueAsBytes(text));
        }
    }

    @Provide
    Arbitrary<String> strings() {
        Arbitrary<String> asciiWithEscapes = Arbitraries.strings()
                .withChars("\"\\/?\n\r\t\b\f\u0000\u0001\u001f\u007f abcXYZ019{}[]:,").ofMaxLength(200);
        Arbitrary<String> printable = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(60).ofMaxLength(300);
        Arbitrary<String> anything = Arbitraries.strings().ofMaxLength(200);
        Arbitrary<String> mostlyAscii = Arbitraries.strings().withCharRange(' ', '~')
                .withChars('é', '中', '\uD800', '\uDC00', '\uD83D', '\uDE00', '?', '\n').ofMinLength(60).ofMaxLength(200);
        return Arbitraries.oneOf(asciiWithEscapes, printable, anything, mostlyAscii);
    }
}
