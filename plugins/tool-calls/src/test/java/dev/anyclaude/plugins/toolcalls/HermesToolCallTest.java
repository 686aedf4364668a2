package dev.anyclaude.plugins.toolcalls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HermesToolCallTest {

    /** Asserts the same rendering for the whole text, every two-way split and one-char chunks. */
    private static List<String> renderEverySplit(String text) {
        List<String> whole = StreamRun.render(List.of(text));
        for (int i = 1; i < text.length(); i++) {
            assertThat(StreamRun.render(List.of(text.substring(0, i), text.substring(i))))
                    .as("split at %d", i).isEqualTo(whole);
        }
        List<String> chars = new ArrayList<>();
        text.codePoints().forEach(c -> chars.add(Character.toString(c)));
        assertThat(StreamRun.render(chars)).as("one char a chunk").isEqualTo(whole);
        return whole;
    }

    @Test
    void aLoneCallBecomesToolUse() {
        assertThat(renderEverySplit("<tool_call>\n{\"name\": \"Read\", \"arguments\": {\"file_path\": \"README.md\"}}\n</tool_call>"))
                .containsExactly("0 tool Read", "0 input {\"file_path\":\"README.md\"}", "stop tool_use");
    }

    @Test
    void textBeforeAndTwoCalls() {
        assertThat(renderEverySplit("Let me look.\n\n<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}}</tool_call>\n"
                + "<tool_call>{\"name\":\"Bash\",\"parameters\":{\"command\":\"ls\",\"background\":\"false\"}}</tool_call>\n"))
                .containsExactly("0 text Let me look.", "1 tool Read", "1 input {\"file_path\":\"a\"}",
                        "2 tool Bash", "2 input {\"command\":\"ls\",\"background\":false}", "stop tool_use");
    }

    @Test
    void argumentsAsAStringAndNumbersCoerced() {
        assertThat(renderEverySplit("<tool_call>{\"name\":\"Read\",\"arguments\":\"{\\\"file_path\\\":\\\"x\\\",\\\"limit\\\":\\\"5\\\"}\"}</tool_call>"))
                .containsExactly("0 tool Read", "0 input {\"file_path\":\"x\",\"limit\":5}", "stop tool_use");
    }

    @Test
    void textAfterACallGetsItsOwnBlock() {
        assertThat(renderEverySplit("<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}}</tool_call> then done"))
                .containsExactly("0 tool Read", "0 input {\"file_path\":\"a\"}", "1 text  then done", "stop tool_use");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Use `<tool_call>` tags like <tool_call>{\"name\":\"Nope\",\"arguments\":{}}</tool_call> for unknown tools.",
            "<tool_call>{\"name\":\"Read\",\"arguments\":{}}</tool_call>",
            "<tool_call>{\"name\":\"Read\",\"arguments\":{\"limit\":\"many\",\"file_path\":\"a\"}}</tool_call>",
            "<tool_call>{not json}</tool_call>",
            "Example:\n```\n<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}}</tool_call>\n```\nThat is all.",
            "{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}}",
            "Compare a < b and <tool_ and <tool_call without end",
            "<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}} and never closed",
    })
    void lookAlikesStayText(String text) {
        assertThat(renderEverySplit(text)).containsExactly("0 text " + text, "stop end_turn");
    }

    @Test
    void ordinaryTextIsNotHeldBack() {
        List<?> events = StreamRun.events(List.of("Hello there", "<tool"));
        assertThat(events.toString()).contains("Hello there");
    }
}
