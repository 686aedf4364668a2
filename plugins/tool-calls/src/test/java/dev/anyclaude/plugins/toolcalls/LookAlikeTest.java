package dev.anyclaude.plugins.toolcalls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Text that looks like a call but must stay text, in auto mode; and what force mode takes on top. */
class LookAlikeTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "Here is the JSON: {\"name\": \"Read\", \"arguments\": {\"file_path\": \"a\"}} as you asked.",
            "{\"name\": \"Alice\", \"age\": 30}",
            "{\"status\": \"ok\", \"name\": \"Read\"}",
            "[1, 2, 3]",
            "```json\n{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}}\n```\nThat is how a call looks.",
            "```json\n{\"name\":\"Nope\",\"arguments\":{}}\n```",
            "```python\nprint('<tool_call>')\n```",
            "[TOOL_CALLS]Unknown[ARGS]{\"x\":1}",
            "Example:\n```\n[TOOL_CALLS]Read[ARGS]{\"file_path\":\"a\"}\n```\nDone.",
            "Example:\n```\n<|tool_calls_section_begin|><|tool_call_begin|>functions.Read:0<|tool_call_argument_begin|>"
                    + "{\"file_path\":\"a\"}<|tool_call_end|><|tool_calls_section_end|>\n```\n",
            "The form is <｜tool▁call▁begin｜>function<｜tool▁sep｜>Nope\n```json\n{}\n```<｜tool▁call▁end｜> in short.",
            "Read{ is not a call",
            "I use `<function=Read>` tags sometimes.",
            "commentary to=functions.Nope json{}",
            "functions.Nope:0{\"a\":1}",
            "Call get_weather[ARGS] with a city.",
            "<tool_call>Nope<arg_key>a</arg_key><arg_value>b</arg_value></tool_call>",
            "Use `<tool_call>` to wrap {\"name\": \"Read\"} objects.",
    })
    void lookAlikesStayText(String text) {
        assertThat(StreamRun.auto().renderEverySplit(text)).containsExactly("0 text " + text, "stop end_turn");
    }

    @Test
    void aBareCallInsideALongerAnswerIsACallOnlyInForceMode() {
        String text = "Sure: {\"name\": \"Read\", \"arguments\": {\"file_path\": \"a\"}}";
        assertThat(StreamRun.auto().renderEverySplit(text)).containsExactly("0 text " + text, "stop end_turn");
        assertThat(StreamRun.with(new ToolCallSettings(ToolCallSettings.Mode.FORCE, Optional.empty()), "end_turn")
                .renderEverySplit(text))
                .containsExactly("0 text Sure:", "1 tool Read", "1 input {\"file_path\":\"a\"}", "stop tool_use");
    }

    @Test
    void aFencedCallFollowedByProseIsACallOnlyInForceMode() {
        String text = "```json\n{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}}\n```\nThen I will summarise.";
        assertThat(StreamRun.with(new ToolCallSettings(ToolCallSettings.Mode.FORCE, Optional.empty()), "end_turn")
                .renderEverySplit(text))
                .containsExactly("0 tool Read", "0 input {\"file_path\":\"a\"}", "1 text \nThen I will summarise.",
                        "stop tool_use");
    }

    @Test
    void aFormatHintLeavesOtherFamiliesAsText() {
        String hermes = "<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}}</tool_call>";
        StreamRun mistralOnly = StreamRun.with(
                new ToolCallSettings(ToolCallSettings.Mode.AUTO, Optional.of(Family.MISTRAL)), "end_turn");
        assertThat(mistralOnly.renderEverySplit(hermes)).containsExactly("0 text " + hermes, "stop end_turn");
        assertThat(mistralOnly.renderEverySplit("[TOOL_CALLS]Read[ARGS]{\"file_path\":\"a\"}"))
                .containsExactly("0 tool Read", "0 input {\"file_path\":\"a\"}", "stop tool_use");
        StreamRun devstralOnly = StreamRun.with(
                new ToolCallSettings(ToolCallSettings.Mode.FORCE, Optional.of(Family.DEVSTRAL)), "end_turn");
        assertThat(devstralOnly.renderEverySplit("[TOOL_CALLS]Read[ARGS]{\"file_path\":\"a\"}"))
                .containsExactly("0 tool Read", "0 input {\"file_path\":\"a\"}", "stop tool_use");
        assertThat(devstralOnly.renderEverySplit(hermes)).containsExactly("0 text " + hermes, "stop end_turn");
    }

    @Test
    void ordinaryTextAndJsonAnswersAreNotHeldBack() {
        assertThat(StreamRun.auto().textBeforeEnd(java.util.List.of("Hello there ", "<tool"))).isEqualTo("Hello there");
        assertThat(StreamRun.auto().textBeforeEnd(java.util.List.of("{\"status\": \"ok\"", ", \"more\"")))
                .isEqualTo("{\"status\": \"ok\", \"more\"");
        assertThat(StreamRun.auto().textBeforeEnd(java.util.List.of("{\"name\": \"Alice\"", ", \"age\": 3")))
                .isEqualTo("{\"name\": \"Alice\", \"age\": 3");
        assertThat(StreamRun.auto().textBeforeEnd(java.util.List.of("See ", "[TOOL_CALLS]Nope", "[ARGS]")))
                .isEqualTo("See [TOOL_CALLS]Nope[ARGS]");
    }
}
