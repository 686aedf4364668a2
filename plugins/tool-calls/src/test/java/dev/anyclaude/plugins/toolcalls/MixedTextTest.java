package dev.anyclaude.plugins.toolcalls;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Texts stitched at random (seeded) from markers, pieces of calls, JSON and prose: whatever the mix, the stream
 * stays well-formed, nothing throws, and random splits give what the whole text gives. A longer hunt:
 * {@code -Dtest=MixedTextTest -DargLine="-DmixSeed=7 -DmixRounds=3000"}.
 */
class MixedTextTest {
    private static final List<String> PIECES = List.of(
            "<tool_call>", "</tool_call>", "{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}}", "{\"name\":\"Nope\"",
            "<function=Read>", "<parameter=file_path>", "x</parameter>", "</function>", "[TOOL_CALLS]", "Read[ARGS]",
            "[ARGS]", "[CALL_ID]", "get_weather", "{\"city\":\"Oslo\"}", "<|python_tag|>", "{", "}", "[", "]", ";",
            "<｜tool▁calls▁begin｜>", "<｜tool▁call▁begin｜>", "function<｜tool▁sep｜>", "<｜tool▁call▁end｜>",
            "<｜tool▁calls▁end｜>", "<arg_key>city</arg_key>", "<arg_value>Oslo</arg_value>",
            "<|tool_calls_section_begin|>", "<|tool_call_begin|>", "functions.Read:0", "<|tool_call_argument_begin|>",
            "<|tool_call_end|>", "<|tool_calls_section_end|>", "<|channel|>", "analysis", "final", "<|message|>",
            "commentary to=functions.get_weather ", "<|constrain|>json", "<|end|>", "<|call|>", "<|start|>assistant",
            "```", "```json\n", "\n", " ", "Some prose. ", "\"", "\\", ":", ",", "Read{");

    @Test
    void anyMixStaysWellFormedAndSplitsDoNotMatter() {
        Random random = new Random(Long.getLong("mixSeed", 42));
        for (int round = 0; round < Integer.getInteger("mixRounds", 200); round++) {
            StringBuilder text = new StringBuilder();
            int count = 1 + random.nextInt(12);
            for (int i = 0; i < count; i++) {
                text.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            for (String stop : List.of("end_turn", "max_tokens")) {
                StreamRun run = StreamRun.with(round % 3 == 0
                        ? new ToolCallSettings(ToolCallSettings.Mode.FORCE, java.util.Optional.empty())
                        : ToolCallSettings.AUTO, stop);
                List<String> whole = run.render(List.of(text.toString()));
                assertThat(whole).as("%s", text).isNotEmpty();
                run.assertRandomSplitsGive(text.toString(), whole, 3);
            }
        }
    }
}
