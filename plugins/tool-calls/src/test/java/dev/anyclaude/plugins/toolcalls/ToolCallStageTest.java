package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.relay.RelayStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast path's stage ({@link ToolCallsMiddleware#onRelay}) does to an answer exactly what intercept does. */
class ToolCallStageTest {
    /** Settings as a backend entry gives them: none, force (every format, hermes prompt), force with a format, off. */
    static final List<Object> SETTINGS = java.util.Arrays.asList(null, "force",
            Map.of("mode", "force", "format", "qwen3-coder"), "off");
    /** Texts beyond the per-format fixtures: look-alikes, calls cut short, whitespace around calls, fences. */
    static final List<String> MORE_TEXTS = List.of(
            "Let me look.\n\n<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}}</tool_call>\n"
                    + "<tool_call>{\"name\":\"Bash\",\"parameters\":{\"command\":\"ls\"}}</tool_call>\n",
            "<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}}</tool_call> then done",
            "<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}",
            "[TOOL_CALLS]Read[ARGS]{\"file_path\":\"a\"",
            "Compare a < b and <tool_ and <tool_call without end",
            "Example:\n```\n[TOOL_CALLS]Read[ARGS]{\"file_path\":\"a\"}\n```\nDone.",
            "Here is the JSON: {\"name\": \"Read\", \"arguments\": {\"file_path\": \"a\"}} as you asked.",
            "I will run it: {\"name\":\"Bash\",\"arguments\":{\"command\":\"ls\"}}",
            "Plain text, no marker at all.   \n\n");
    private final ToolCallsMiddleware middleware = new ToolCallsMiddleware(Map.of(), null);

    static Stream<String> texts() {
        return Stream.concat(FormatFixturesTest.fixtures().map(arguments -> (String) arguments.get()[1]),
                MORE_TEXTS.stream());
    }

    @ParameterizedTest
    @MethodSource("texts")
    void theStageGivesWhatInterceptGivesForEverySettingEndingAndSplit(String text) {
        for (List<String> chunks : splits(text)) {
            for (Object setting : SETTINGS) {
                assertSamePaths(setting, BothPaths.answer(chunks, "end_turn", true));
                assertSamePaths(setting, BothPaths.answer(chunks, "max_tokens", true));
                assertSamePaths(setting, BothPaths.answer(chunks, "end_turn", false));
            }
        }
    }

    /** Asserts that the stage and intercept give the same events for this answer. */
    static void assertSamePaths(Object setting, List<StreamEvent> answer) {
        ToolCallsMiddleware middleware = new ToolCallsMiddleware(Map.of(), null);
        Call call = TestCall.of(BothPaths.WITH_TOOLS);
        List<StreamEvent> pulled = BothPaths.intercepted(middleware, setting, call, answer).events();
        List<StreamEvent> pushed = BothPaths.staged(BothPaths.stage(middleware, setting, call), answer);
        assertThat(BothPaths.withoutIds(pushed)).as("setting %s, answer %s", setting, answer)
                .isEqualTo(BothPaths.withoutIds(pulled));
    }

    /** The text whole, split in two at every boundary, and one char a chunk. */
    private static List<List<String>> splits(String text) {
        List<List<String>> splits = new ArrayList<>();
        splits.add(List.of(text));
        for (int i = 1; i < text.length(); i++) {
            splits.add(List.of(text.substring(0, i), text.substring(i)));
        }
        List<String> chars = new ArrayList<>();
        text.codePoints().forEach(c -> chars.add(Character.toString(c)));
        splits.add(chars);
        return splits;
    }

    @ParameterizedTest
    @ValueSource(strings = {"force", "hermes", "qwen3-coder", "mistral", "llama", "kimi", "harmony", "json"})
    void forceModeSendsTheRequestInterceptSends(String format) {
        Object setting = format.equals("force") ? "force" : Map.of("mode", "force", "format", format);
        for (var request : List.of(BothPaths.WITH_TOOLS, BothPaths.WITHOUT_TOOLS)) {
            Call call = TestCall.of(request);
            Call intercepted = BothPaths.intercepted(middleware, setting, call, BothPaths.answer(List.of("Hi"), "end_turn",
                    true)).upstream();

            Call staged = BothPaths.stage(middleware, setting, call).request(call);

            assertThat(staged.request()).isEqualTo(intercepted.request());
        }
        assertThat(BothPaths.stage(middleware, setting, TestCall.of(BothPaths.WITH_TOOLS))
                .request(TestCall.of(BothPaths.WITH_TOOLS)).request().tools()).as("tools moved to the prompt")
                .isNull();
    }

    @Test
    void offPassesTheCallAndEveryEventOnUnchanged() {
        Call call = TestCall.of(BothPaths.WITH_TOOLS);
        List<StreamEvent> answer = BothPaths.answer(List.of("<tool_call>{\"name\":\"Read\",\"arguments\":"
                + "{\"file_path\":\"a\"}}</tool_call>"), "end_turn", true);
        for (Object off : List.of("off", false, Map.of("mode", "off"), Map.of("enabled", false))) {
            RelayStage stage = BothPaths.stage(middleware, off, call);

            assertThat(stage.request(call)).isSameAs(call);
            for (StreamEvent event : answer) {
                assertThat(stage.onEvent(event)).singleElement().isSameAs(event);
            }
            assertThat(stage.onEnd()).isEmpty();
        }
    }

    @Test
    void withoutClientToolsTheAnswerPassesUnchanged() {
        Call call = TestCall.of(BothPaths.WITHOUT_TOOLS);
        List<StreamEvent> answer = BothPaths.answer(List.of("<tool_call>{\"name\":\"Read\",\"arguments\":"
                + "{\"file_path\":\"a\"}}</tool_call>"), "end_turn", true);
        for (Object setting : SETTINGS) {
            assertThat(BothPaths.staged(BothPaths.stage(middleware, setting, call), answer)).isEqualTo(answer);
        }
    }

    @Test
    void aPlainTextDeltaGoesOnAsTheSameEvent() {
        Call call = TestCall.of(BothPaths.WITH_TOOLS);
        RelayStage stage = BothPaths.stage(middleware, null, call);
        StreamEvent delta = new StreamEvent.ContentBlockDelta(0, new Delta.TextDelta("Hello, world."));

        stage.onEvent(new StreamEvent.ContentBlockStart(0, new ContentBlock.Text("")));

        assertThat(stage.onEvent(delta)).containsExactly(
                new StreamEvent.ContentBlockStart(0, new ContentBlock.Text("")), delta)
                .last().isSameAs(delta);
        StreamEvent next = new StreamEvent.ContentBlockDelta(0, new Delta.TextDelta(" More."));
        assertThat(stage.onEvent(next)).singleElement().isSameAs(next);
    }

    @Test
    void callsWithOtherToolNamesLookForTheirOwnMarkers() {
        List<String> printed = List.of("get_weather{\"city\":\"Paris\"}");
        Call readOnly = TestCall.of(BothPaths.request(List.of(StreamRun.TOOLS.get("Read"))));
        Call weather = TestCall.of(BothPaths.request(List.of(StreamRun.TOOLS.get("get_weather"))));

        for (Call call : List.of(readOnly, weather, readOnly, weather)) {
            List<StreamEvent> out = BothPaths.staged(BothPaths.stage(middleware, null, call),
                    BothPaths.answer(printed, "end_turn", true));

            boolean toolUse = out.stream().anyMatch(e -> e instanceof StreamEvent.ContentBlockStart s
                    && s.contentBlock() instanceof ContentBlock.ToolUse);
            assertThat(toolUse).as("tool_use for %s", call.request().tools()).isEqualTo(call == weather);
        }
    }

    @Test
    void aBadSettingLeavesTheCallToInterceptWhichNamesTheBackend() {
        Call call = TestCall.of(BothPaths.WITH_TOOLS);

        assertThat(middleware.onRelay(call, "sometimes")).isEmpty();
        assertThatThrownBy(() -> BothPaths.intercepted(middleware, "sometimes", call, List.of()))
                .isInstanceOf(AnthropicException.class).hasMessageStartingWith("backends.local.mode: must be");
    }
}
