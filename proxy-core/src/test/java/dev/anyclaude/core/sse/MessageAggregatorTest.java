package dev.anyclaude.core.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.Message;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.model.Usage;
import dev.anyclaude.core.json.ProtocolJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageAggregatorTest {
    private final MessageAggregator aggregator = new MessageAggregator(new ProtocolJson());

    private void feed(StreamEvent... events) {
        for (StreamEvent event : events) {
            aggregator.accept(event);
        }
    }

    private static StreamEvent start() {
        return new StreamEvent.MessageStart(new Message("msg_1", "m", List.of(), null, null, Usage.of(12, 1), Map.of()));
    }

    @Test
    void thinkingTextAndToolUseFoldIntoOneMessage() {
        feed(start(),
                new StreamEvent.ContentBlockStart(0, new ContentBlock.Thinking("", null, Map.of())),
                new StreamEvent.ContentBlockDelta(0, new Delta.ThinkingDelta("Let me ")),
                new StreamEvent.ContentBlockDelta(0, new Delta.ThinkingDelta("think.")),
                new StreamEvent.ContentBlockDelta(0, new Delta.SignatureDelta("sig")),
                new StreamEvent.ContentBlockStop(0),
                new StreamEvent.Ping(),
                new StreamEvent.ContentBlockStart(1, new ContentBlock.Text("")),
                new StreamEvent.ContentBlockDelta(1, new Delta.TextDelta("Reading ")),
                new StreamEvent.ContentBlockDelta(1, new Delta.TextDelta("it.")),
                new StreamEvent.ContentBlockStop(1),
                new StreamEvent.ContentBlockStart(2, new ContentBlock.ToolUse("toolu_1", "Read", Map.of(), Map.of())),
                new StreamEvent.ContentBlockDelta(2, new Delta.InputJsonDelta("")),
                new StreamEvent.ContentBlockDelta(2, new Delta.InputJsonDelta("{\"file_path\": \"READ")),
                new StreamEvent.ContentBlockDelta(2, new Delta.InputJsonDelta("ME.md\"}")),
                new StreamEvent.ContentBlockStop(2),
                new StreamEvent.MessageDelta(StreamEvent.StopInfo.of("tool_use"), new Usage(null, 40, null, null, Map.of())),
                new StreamEvent.MessageStop());

        Message message = aggregator.result();
        assertThat(message.id()).isEqualTo("msg_1");
        assertThat(message.stopReason()).isEqualTo("tool_use");
        assertThat(message.usage()).isEqualTo(Usage.of(12, 40));
        assertThat(message.content()).containsExactly(
                new ContentBlock.Thinking("Let me think.", "sig", Map.of()),
                new ContentBlock.Text("Reading it."),
                new ContentBlock.ToolUse("toolu_1", "Read", Map.of("file_path", "README.md"), Map.of()));
    }

    @Test
    void errorEventBecomesAnExceptionOfItsType() {
        feed(start());
        assertThatThrownBy(() -> aggregator.accept(new StreamEvent.Error(new StreamEvent.ErrorBody("overloaded_error", "Overloaded"))))
                .isInstanceOfSatisfying(AnthropicException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.OVERLOADED);
                    assertThat(e.status()).isEqualTo(529);
                });
    }

    @Test
    void streamWithoutMessageStopIsNeverASuccess() {
        feed(start(), new StreamEvent.ContentBlockStart(0, new ContentBlock.Text("")));
        assertThatThrownBy(aggregator::result).isInstanceOf(AnthropicException.class)
                .hasMessageContaining("ended before it was complete");
    }

    @Test
    void deltaForABlockThatNeverStartedIsRejected() {
        feed(start());
        assertThatThrownBy(() -> aggregator.accept(new StreamEvent.ContentBlockDelta(3, new Delta.TextDelta("x"))))
                .isInstanceOf(AnthropicException.class).hasMessageContaining("block 3");
    }
}
