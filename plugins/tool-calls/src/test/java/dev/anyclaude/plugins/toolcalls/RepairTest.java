package dev.anyclaude.plugins.toolcalls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Arguments checked against the input schema, JSON repaired where it is safe, and calls cut by max_tokens. */
class RepairTest {
    private static final StreamRun CUT = StreamRun.with(ToolCallSettings.AUTO, "max_tokens");

    @Test
    void trailingGarbageAfterTheArgumentsIsDropped() {
        assertThat(StreamRun.auto().renderEverySplit(
                "<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\",\"limit\":\"10\"}}}</tool_call>"))
                .containsExactly("0 tool Read", "0 input {\"file_path\":\"a\",\"limit\":10}", "stop tool_use");
        assertThat(StreamRun.auto().renderEverySplit(
                "<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}} (reading now)</tool_call>"))
                .containsExactly("0 tool Read", "0 input {\"file_path\":\"a\"}", "stop tool_use");
    }

    @Test
    void scalarsGivenAsStringsAreCoercedAndNumbersGivenForStringsWritten() {
        assertThat(StreamRun.auto().renderEverySplit(
                "<tool_call>{\"name\":\"Bash\",\"arguments\":{\"command\":5,\"background\":\"TRUE\"}}</tool_call>"))
                .containsExactly("0 tool Bash", "0 input {\"command\":\"5\",\"background\":true}", "stop tool_use");
        assertThat(StreamRun.auto().renderEverySplit(
                "[TOOL_CALLS]get_weather[ARGS]{\"city\":\"Oslo\",\"days\":\"2.5\"}"))
                .containsExactly("0 tool get_weather", "0 input {\"city\":\"Oslo\",\"days\":2.5}", "stop tool_use");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\",\"limit\":\"ten\"}}</tool_call>",
            "<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\",\"limit\":2.5}}</tool_call>",
            "<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":[\"a\"]}}</tool_call>",
            "<tool_call>{\"name\":\"Read\",\"arguments\":{\"limit\":3}}</tool_call>",
            "<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":null}}</tool_call>",
            "<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":",
            "<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a",
    })
    void whatCannotBeMadeValidStaysText(String text) {
        assertThat(StreamRun.auto().renderEverySplit(text)).containsExactly("0 text " + text, "stop end_turn");
    }

    @Test
    void aCallCutJustBeforeItsClosingBracketsIsClosedWhenTheModelStoppedOnItsOwn() {
        assertThat(StreamRun.auto().renderEverySplit("<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}"))
                .containsExactly("0 tool Read", "0 input {\"file_path\":\"a\"}", "stop tool_use");
        assertThat(StreamRun.auto().renderEverySplit("[TOOL_CALLS]Read[ARGS]{\"file_path\":\"a\""))
                .containsExactly("0 tool Read", "0 input {\"file_path\":\"a\"}", "stop tool_use");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}",
            "[TOOL_CALLS]Read[ARGS]{\"file_path\":\"a\"",
            "<|tool_calls_section_begin|><|tool_call_begin|>functions.Read:0<|tool_call_argument_begin|>{\"file_path\"",
            "{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"",
    })
    void aCallCutByMaxTokensStaysTextWithMaxTokens(String text) {
        assertThat(CUT.renderEverySplit(text)).containsExactly("0 text " + text, "stop max_tokens");
    }

    @Test
    void aCompleteCallBeforeTheCutStillCountsButTheStopReasonStaysMaxTokens() {
        assertThat(CUT.renderEverySplit("<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}}</tool_call>"
                + "<tool_call>{\"name\":\"Bash\""))
                .containsExactly("0 tool Read", "0 input {\"file_path\":\"a\"}", "1 text <tool_call>{\"name\":\"Bash\"",
                        "stop max_tokens");
    }

    @Test
    void settingsParseEveryForm() {
        assertThat(ToolCallSettings.parse(null, java.util.Map.of())).isEqualTo(ToolCallSettings.AUTO);
        assertThat(ToolCallSettings.parse("force", java.util.Map.of()).mode()).isEqualTo(ToolCallSettings.Mode.FORCE);
        assertThat(ToolCallSettings.parse(false, java.util.Map.of()).mode()).isEqualTo(ToolCallSettings.Mode.OFF);
        assertThat(ToolCallSettings.parse(java.util.Map.of("mode", "auto", "format", "hermes"), java.util.Map.of()))
                .isEqualTo(new ToolCallSettings(ToolCallSettings.Mode.AUTO, Optional.of(Family.HERMES)));
        assertThat(ToolCallSettings.parse("off", java.util.Map.of("format", "glm")))
                .isEqualTo(new ToolCallSettings(ToolCallSettings.Mode.OFF, Optional.of(Family.GLM)));
        assertThat(ToolCallSettings.parse(java.util.Map.of("format", "gpt-oss"), java.util.Map.of()).format())
                .contains(Family.HARMONY);
        assertThat(ToolCallSettings.parse(java.util.Map.of("mode", "force", "format", "devstral"), java.util.Map.of())
                .format()).contains(Family.DEVSTRAL);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ToolCallSettings.parse("sometimes", java.util.Map.of()))
                .hasMessageStartingWith("mode: must be");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ToolCallSettings.parse(
                java.util.Map.of("format", "xml"), java.util.Map.of())).hasMessageStartingWith("format: must be");
    }

    @Test
    void onByDefaultForEveryBackendButAnthropicsOwnApi() {
        ToolCallsMiddlewareFactory factory = new ToolCallsMiddlewareFactory();
        assertThat(factory.onByDefault("openai", java.util.Map.of())).isTrue();
        assertThat(factory.onByDefault("ollama", java.util.Map.of())).isTrue();
        assertThat(factory.onByDefault("anthropic", java.util.Map.of("mode", "compatible"))).isTrue();
        assertThat(factory.onByDefault("anthropic", java.util.Map.of())).isFalse();
        assertThat(factory.onByDefault("claude", java.util.Map.of("mode", "passthrough"))).isFalse();
    }

    @Test
    void longRegionsDecideTheSameHoweverTheyAreSplit() {
        String content = "line {with} [brackets] and \\\"quotes\\\"\\n".repeat(120);
        String mistral = "[TOOL_CALLS]Bash[ARGS]{\"command\":\"" + content + "\"}[TOOL_CALLS]Read[ARGS]{\"file_path\":\"a\"}";
        String llama = "{\"name\":\"Bash\",\"arguments\":{\"command\":\"" + content + "\"}}";
        String answer = llama + " is what I would run.";
        for (String text : List.of(mistral, llama, answer)) {
            StreamRun run = StreamRun.auto();
            run.assertRandomSplitsGive(text, run.render(List.of(text)), 10);
        }
        assertThat(StreamRun.auto().render(List.of(mistral))).hasSize(5);
        assertThat(StreamRun.auto().render(List.of(llama)).getFirst()).isEqualTo("0 tool Bash");
        assertThat(StreamRun.auto().render(List.of(answer))).containsExactly("0 text " + answer, "stop end_turn");
    }
}
