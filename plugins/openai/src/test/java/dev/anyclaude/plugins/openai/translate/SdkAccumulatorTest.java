package dev.anyclaude.plugins.openai.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.core.JsonValue;
import com.anthropic.core.ObjectMappers;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.anyclaude.api.model.StreamEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The official Anthropic Java SDK (3.13.0) must accept every successful translated answer: its
 * {@code MessageAccumulator} rebuilds the message from the events and the result validates. In particular a
 * thinking block that never gets a {@code signature_delta} (no OpenAI server has a real signature) is fine as
 * long as {@code content_block_start} carries {@code "signature": ""}: the SDK's {@code ThinkingBlock.signature()}
 * is required and would throw on a missing field.
 */
class SdkAccumulatorTest {

    static List<String> successfulCases() throws IOException {
        return StreamGoldenTest.cases()
                .filter(name -> !TestJson.read(TestJson.golden("stream").resolve(name + ".expected.sse"))
                        .contains("event: error"))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("successfulCases")
    void theSdkAccumulatesAndValidatesTheAnswer(String name) {
        List<StreamEvent> events = SseReplay.replay(
                TestJson.read(TestJson.golden("stream").resolve(name + ".sse")), SseReplay.translator(42));

        Message message = accumulate(events);

        message.validate();
        assertThat(message.stopReason()).isPresent();
    }

    @Test
    void thinkingWithoutSignatureAndToolInputSurviveTheSdk() {
        List<StreamEvent> events = SseReplay.replay(TestJson.read(TestJson.golden("stream")
                .resolve("whitespace-text-after-tool-call-dropped.sse")), SseReplay.translator(1));

        Message message = accumulate(events);

        List<ContentBlock> content = message.content();
        assertThat(content).hasSize(2);
        assertThat(content.get(0).asThinking().thinking()).isEqualTo("Need ls.");
        assertThat(content.get(0).asThinking().signature()).isEmpty();
        assertThat(content.get(1).asToolUse().name()).isEqualTo("Bash");
        assertThat(content.get(1).asToolUse()._input()).isEqualTo(JsonValue.from(Map.of("command", "ls")));
        assertThat(message.usage().inputTokens()).isEqualTo(15);
        assertThat(message.usage().outputTokens()).isEqualTo(9);
    }

    @Test
    void withoutTheEmptySignatureTheSdkRejectsTheThinkingBlock() {
        List<StreamEvent> events = List.of(
                new StreamEvent.MessageStart(new dev.anyclaude.api.model.Message("msg_1", "m", List.of(), null, null,
                        dev.anyclaude.api.model.Usage.of(1, 0), Map.of())),
                new StreamEvent.ContentBlockStart(0, new dev.anyclaude.api.model.ContentBlock.Thinking("", null, Map.of())),
                new StreamEvent.ContentBlockDelta(0, new dev.anyclaude.api.model.Delta.ThinkingDelta("x")),
                new StreamEvent.ContentBlockStop(0),
                new StreamEvent.MessageDelta(StreamEvent.StopInfo.of("end_turn"), dev.anyclaude.api.model.Usage.of(1, 1)),
                new StreamEvent.MessageStop());

        Message message = accumulate(events);

        assertThatThrownBy(message::validate).hasMessageContaining("signature");
    }

    private static Message accumulate(List<StreamEvent> events) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        for (StreamEvent event : events) {
            try {
                accumulator.accumulate(ObjectMappers.jsonMapper().readValue(TestJson.write(event),
                        RawMessageStreamEvent.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return accumulator.message();
    }
}
