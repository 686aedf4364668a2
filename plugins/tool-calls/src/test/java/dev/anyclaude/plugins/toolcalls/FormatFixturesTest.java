package dev.anyclaude.plugins.toolcalls;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** One fixture per family of PROTOCOLS.md 7.1, each streamed split at every boundary and whole. */
class FormatFixturesTest {
    private static final String WEATHER = "{\"city\":\"Paris\"}";
    private static final String READ = "{\"file_path\":\"a\"}";

    static Stream<Arguments> fixtures() {
        return Stream.of(
                arguments("qwen3-coder without <tool_call>", "<function=Read>\n<parameter=file_path>\na\n</parameter>\n"
                        + "</function>\n</tool_call>", List.of("0 tool Read", "0 input " + READ)),
                arguments("mistral array", "[TOOL_CALLS] [{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}, "
                        + "{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}}]",
                        List.of("0 tool get_weather", "0 input " + WEATHER, "1 tool Read", "1 input " + READ)),
                arguments("mistral [ARGS], repeated", "[TOOL_CALLS]get_weather[ARGS]{\"city\": \"Paris\", \"days\": \"3\"}"
                        + "[TOOL_CALLS]Read[ARGS]{\"file_path\":\"a\"}",
                        List.of("0 tool get_weather", "0 input {\"city\":\"Paris\",\"days\":3}", "1 tool Read",
                                "1 input " + READ)),
                arguments("mistral [CALL_ID]", "[TOOL_CALLS]Read[CALL_ID]a1b2c3d4e[ARGS]{\"file_path\":\"a\"}",
                        List.of("0 tool Read", "0 input " + READ)),
                arguments("mistral stripped of special tokens", "get_weather{\"city\":\"Paris\"}",
                        List.of("0 tool get_weather", "0 input " + WEATHER)),
                arguments("mistral array stripped of [TOOL_CALLS]", " [{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}}]",
                        List.of("0 tool Read", "0 input " + READ)),
                arguments("llama bare json, whole message", "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}",
                        List.of("0 tool get_weather", "0 input " + WEATHER)),
                arguments("llama calls joined by ;", "{\"name\":\"get_weather\",\"parameters\":{\"city\":\"Paris\"}}; "
                        + "{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}}",
                        List.of("0 tool get_weather", "0 input " + WEATHER, "1 tool Read", "1 input " + READ)),
                arguments("llama <|python_tag|> after text", "Running it.<|python_tag|>{\"name\":\"Bash\",\"parameters\":{\"command\":\"ls\"}}",
                        List.of("0 text Running it.", "1 tool Bash", "1 input {\"command\":\"ls\"}")),
                arguments("deepseek v3 / r1", "Let me check.<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>"
                        + "get_weather\n```json\n{\"city\": \"Paris\"}\n```<｜tool▁call▁end｜><｜tool▁call▁begin｜>function"
                        + "<｜tool▁sep｜>Read\n```json\n{\"file_path\":\"a\"}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>",
                        List.of("0 text Let me check.", "1 tool get_weather", "1 input " + WEATHER, "2 tool Read",
                                "2 input " + READ)),
                arguments("deepseek v3.1", "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>get_weather<｜tool▁sep｜>"
                        + "{\"city\":\"Paris\"}<｜tool▁call▁end｜><｜tool▁calls▁end｜>",
                        List.of("0 tool get_weather", "0 input " + WEATHER)),
                arguments("glm 4.5", "<tool_call>get_weather\n<arg_key>city</arg_key>\n<arg_value>Paris</arg_value>\n"
                        + "<arg_key>days</arg_key>\n<arg_value>3</arg_value>\n</tool_call>",
                        List.of("0 tool get_weather", "0 input {\"city\":\"Paris\",\"days\":3}")),
                arguments("glm 4.7, one line", "<tool_call>Read<arg_key>file_path</arg_key><arg_value>a</arg_value></tool_call>",
                        List.of("0 tool Read", "0 input " + READ)),
                arguments("kimi k2", "<|tool_calls_section_begin|><|tool_call_begin|>functions.get_weather:0"
                        + "<|tool_call_argument_begin|>{\"city\": \"Paris\"}<|tool_call_end|><|tool_call_begin|>"
                        + "functions.Read:1<|tool_call_argument_begin|>{\"file_path\":\"a\"}<|tool_call_end|>"
                        + "<|tool_calls_section_end|>",
                        List.of("0 tool get_weather", "0 input " + WEATHER, "1 tool Read", "1 input " + READ)),
                arguments("kimi k2 stripped of special tokens", "functions.get_weather:0{\"city\":\"Paris\"}",
                        List.of("0 tool get_weather", "0 input " + WEATHER)),
                arguments("gpt-oss harmony", "<|channel|>analysis<|message|>Need the weather.<|end|><|start|>assistant"
                        + "<|channel|>commentary to=functions.get_weather <|constrain|>json<|message|>{\"city\":\"Paris\"}<|call|>",
                        List.of("0 thinking Need the weather.", "1 tool get_weather", "1 input " + WEATHER)),
                arguments("gpt-oss harmony stripped of special tokens", "commentary to=functions.get_weather json{\"city\":\"Paris\"}",
                        List.of("0 tool get_weather", "0 input " + WEATHER)),
                arguments("fenced json, whole message", "```json\n{\"name\": \"Read\", \"arguments\": {\"file_path\": \"a\"}}\n```",
                        List.of("0 tool Read", "0 input " + READ)),
                arguments("fenced json ending the message", "I will read it.\n```json\n{\"name\":\"Read\",\"arguments\":"
                        + "{\"file_path\":\"a\"}}\n```\n", List.of("0 text I will read it.", "1 tool Read", "1 input " + READ)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void printedCallsBecomeToolUseHoweverTheStreamIsSplit(String family, String text, List<String> blocks) {
        List<String> expected = new java.util.ArrayList<>(blocks);
        expected.add("stop tool_use");
        assertThat(StreamRun.auto().renderEverySplit(text)).containsExactlyElementsOf(expected);
    }

    @org.junit.jupiter.api.Test
    void harmonyFinalChannelIsAnswerTextAndAnalysisIsThinking() {
        assertThat(StreamRun.auto().renderEverySplit("<|channel|>analysis<|message|>Think.<|end|><|start|>assistant"
                + "<|channel|>final<|message|>It is sunny.<|return|>"))
                .containsExactly("0 thinking Think.", "1 text It is sunny.", "stop end_turn");
    }
}
