package dev.anyclaude.plugins.toolcalls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HermesToolCallTest {


    @Test
    void aLoneCallBecomesToolUse() {
        assertThat(StreamRun.auto().renderEverySplit("<tool_call>\n{\"name\": \"Read\", \"arguments\": {\"file_path\": \"README.md\"}}\n</tool_call>"))
                .containsExactly("0 tool Read", "0 input {\"file_path\":\"README.md\"}", "stop tool_use");
    }

    @Test
    void textBeforeAndTwoCalls() {
        assertThat(StreamRun.auto().renderEverySplit("Let me look.\n\n<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}}</tool_call>\n"
                + "<tool_call>{\"name\":\"Bash\",\"parameters\":{\"command\":\"ls\",\"background\":\"false\"}}</tool_call>\n"))
                .containsExactly("0 text Let me look.", "1 tool Read", "1 input {\"file_path\":\"a\"}",
                        "2 tool Bash", "2 input {\"command\":\"ls\",\"background\":false}", "stop tool_use");
    }

    @Test
    void argumentsAsAStringAndNumbersCoerced() {
        assertThat(StreamRun.auto().renderEverySplit("<tool_call>{\"name\":\"Read\",\"arguments\":\"{\\\"file_path\\\":\\\"x\\\",\\\"limit\\\":\\\"5\\\"}\"}</tool_call>"))
                .containsExactly("0 tool Read", "0 input {\"file_path\":\"x\",\"limit\":5}", "stop tool_use");
    }

    @Test
    void textAfterACallGetsItsOwnBlock() {
        assertThat(StreamRun.auto().renderEverySplit("<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}}</tool_call> then done"))
                .containsExactly("0 tool Read", "0 input {\"file_path\":\"a\"}", "1 text  then done", "stop tool_use");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Use `<tool_call>` tags like <tool_call>{\"name\":\"Nope\",\"arguments\":{}}</tool_call> for unknown tools.",
            "<tool_call>{\"name\":\"Read\",\"arguments\":{}}</tool_call>",
            "<tool_call>{\"name\":\"Read\",\"arguments\":{\"limit\":\"many\",\"file_path\":\"a\"}}</tool_call>",
            "<tool_call>{not json}</tool_call>",
            "Example:\n```\n<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}}</tool_call>\n```\nThat is all.",
            "Compare a < b and <tool_ and <tool_call without end",
            "<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}} and never closed",
    })
    void lookAlikesStayText(String text) {
        assertThat(StreamRun.auto().renderEverySplit(text)).containsExactly("0 text " + text, "stop end_turn");
    }

    @Test
    void ordinaryTextIsNotHeldBack() {
        List<?> events = StreamRun.auto().events(List.of("Hello there", "<tool"));
        assertThat(events.toString()).contains("Hello there");
    }
}
