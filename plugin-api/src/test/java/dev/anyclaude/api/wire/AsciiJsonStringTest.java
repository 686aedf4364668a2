package dev.anyclaude.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The escaped text is what Jackson writes between the quotes, byte for byte, or null where Jackson's rules differ. */
class AsciiJsonStringTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Property(tries = 3000)
    void isWhatJacksonWritesOrNothing(@ForAll("strings") String value) throws Exception {
        AsciiJsonString text = AsciiJsonString.of(value);

        boolean ascii = value.chars().allMatch(c -> c < 0x80);
        assertThat(text != null).isEqualTo(ascii);
        if (text != null) {
            assertThat(quoted(text)).isEqualTo(JACKSON.writeValueAsBytes(value));
        }
    }

    @Test
    void everyAsciiCharacterAtEveryPlaceOfTheWord() throws Exception {
        for (char c = 0; c < 0x80; c++) {
            for (int at = 0; at < 20; at++) {
                String value = "a".repeat(at) + c + "b".repeat(20 - at);
                assertThat(quoted(AsciiJsonString.of(value))).as("U+%04X at %d", (int) c, at)
                        .isEqualTo(JACKSON.writeValueAsBytes(value));
            }
        }
    }

    @Test
    void leavesLoneSurrogatesAndNonAsciiToJackson() {
        for (String value : List.of("x\uD800", "\uDC00x", "?\uDBFF?", "\uD83D\uDE00", "é", "a?b?" + "\uD800")) {
            assertThat(AsciiJsonString.of(value)).as(value).isNull();
        }
        assertThat(quoted(AsciiJsonString.of("??a?"))).isEqualTo("\"??a?\"".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void findsTheFirstByteToCheck() {
        byte[] bytes = "abcdefghijklmnop\"qrs".getBytes(StandardCharsets.US_ASCII);

        assertThat(AsciiJsonString.nextToCheck(bytes, 0)).isEqualTo(16);
        assertThat(AsciiJsonString.nextToCheck(bytes, 17)).isEqualTo(bytes.length);
    }

    private static byte[] quoted(AsciiJsonString text) {
        byte[] out = new byte[text.length() + 2];
        out[0] = '"';
        System.arraycopy(text.bytes(), 0, out, 1, text.length());
        out[out.length - 1] = '"';
        return out;
    }

    @Provide
    Arbitrary<String> strings() {
        Arbitrary<String> asciiWithEscapes = Arbitraries.strings()
                .withChars("\"\\/?\n\r\t\b\f\u0000\u0001\u001f\u007f abcXYZ019{}[]:,").ofMaxLength(200);
        Arbitrary<String> printable = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300);
        Arbitrary<String> anything = Arbitraries.strings().ofMaxLength(200);
        Arbitrary<String> mostlyAscii = Arbitraries.strings().withCharRange(' ', '~')
                .withChars('é', '中', '\uD800', '\uDC00', '\uD83D', '\uDE00', '?', '\n').ofMaxLength(200);
        return Arbitraries.oneOf(asciiWithEscapes, printable, anything, mostlyAscii);
    }
}
