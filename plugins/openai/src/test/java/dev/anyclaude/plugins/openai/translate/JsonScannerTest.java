package dev.anyclaude.plugins.openai.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonScannerTest {
    private static final List<String> DOCUMENTS = List.of(
            "{}",
            "{\"a\":1}",
            "{\"file_path\": \"README.md\", \"limit\": 20}",
            "{\"a\":[1,-2.5e+3,0.0,true,false,null,\"x\\\"y\\\\z\\u00e9\"],\"b\":{\"c\":{}},\"d\":[]}",
            " { \"nested\" : [ { \"deep\" : [ [ 1 ] ] } ] } ");

    @Test
    void acceptsValidDocumentsAndSaysWhenTheyAreDone() {
        for (String document : DOCUMENTS) {
            JsonScanner scanner = new JsonScanner();
            for (char c : document.toCharArray()) {
                assertThat(scanner.feed(c)).as("%s at %s", document, c).isTrue();
            }
            assertThat(scanner.done()).as(document).isTrue();
            assertThat(scanner.closingSuffix()).isEmpty();
        }
    }

    @Test
    void everyPrefixOfAValidDocumentClosesIntoValidJson() {
        for (String document : DOCUMENTS) {
            for (int cut = 1; cut < document.strip().length(); cut++) {
                String prefix = document.strip().substring(0, cut);
                JsonScanner scanner = new JsonScanner();
                for (char c : prefix.toCharArray()) {
                    assertThat(scanner.feed(c)).isTrue();
                }
                String closed = prefix + scanner.closingSuffix();
                JsonNode node = TestJson.tree(closed);
                assertThat(node.isObject()).as("%s -> %s", prefix, closed).isTrue();
            }
        }
    }

    @Test
    void rejectsWhatCannotContinueJsonAndKeepsTheLastValidState() {
        assertRejected("{\"a\": oops}", 6);
        assertRejected("{\"a\" 1}", 5);
        assertRejected("{\"a\":01}", 6);
        assertRejected("{\"a\":1,}", 7);
        assertRejected("{\"a\":\"\\x\"}", 7);
        assertRejected("{\"a\":tru }", 8);
        assertRejected("{\"a\":1]", 6);
        assertRejected("{} {}", 3);
    }

    @Test
    void aRejectedCharacterLeavesAClosableState() {
        JsonScanner scanner = new JsonScanner();
        for (char c : "{\"a\":12".toCharArray()) {
            scanner.feed(c);
        }
        assertThat(scanner.feed('x')).isFalse();
        assertThat("{\"a\":12" + scanner.closingSuffix()).isEqualTo("{\"a\":12}");
    }

    @Test
    void closesUnfinishedStringsEscapesNumbersAndLiterals() {
        assertThat(close("{\"a\":\"text\\")).isEqualTo("{\"a\":\"text\\\\\"}");
        assertThat(close("{\"a\":\"\\u00")).isEqualTo("{\"a\":\"\\u0000\"}");
        assertThat(close("{\"a\":1.")).isEqualTo("{\"a\":1.0}");
        assertThat(close("{\"a\":1e-")).isEqualTo("{\"a\":1e-0}");
        assertThat(close("{\"a\":-")).isEqualTo("{\"a\":-0}");
        assertThat(close("{\"a\":fa")).isEqualTo("{\"a\":false}");
        assertThat(close("{\"ke")).isEqualTo("{\"ke\":null}");
        assertThat(close("{\"a\":1,")).isEqualTo("{\"a\":1,\"_\":null}");
        assertThat(close("{\"a\":[1,")).isEqualTo("{\"a\":[1,null]}");
    }

    private static String close(String prefix) {
        JsonScanner scanner = new JsonScanner();
        for (char c : prefix.toCharArray()) {
            assertThat(scanner.feed(c)).isTrue();
        }
        return prefix + scanner.closingSuffix();
    }

    private static void assertRejected(String text, int at) {
        JsonScanner scanner = new JsonScanner();
        for (int i = 0; i < at; i++) {
            assertThat(scanner.feed(text.charAt(i))).as("%s before %d", text, at).isTrue();
        }
        assertThat(scanner.feed(text.charAt(at))).as("%s at %d", text, at).isFalse();
    }
}
