package dev.anyclaude.api.wire;

import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.Message;
import dev.anyclaude.api.model.StreamEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stream events that a whole {@link Message} would have been streamed as: {@code message_start} (empty
 * content, no stop reason), then each block as start, at most one delta (text, thinking plus signature, or the
 * tool input as one {@code input_json_delta}) and stop, then {@code message_delta} with the stop reason and usage,
 * then {@code message_stop}. Aggregating these events gives the message back. Blocks that have no delta form
 * (redacted thinking, server-tool blocks, unknown types) are sent whole in their {@code content_block_start}.
 * Stateless and thread-safe.
 */
public final class MessageEvents {
    private MessageEvents() {
    }

    /**
     * @param message a complete answer (its {@code stop_reason} set)
     * @param json    the codec that writes tool inputs as JSON text
     * @return the events, in order; an unmodifiable list
     */
    public static List<StreamEvent> of(Message message, JsonCodec json) {
        List<StreamEvent> events = new ArrayList<>(3 * message.content().size() + 3);
        events.add(new StreamEvent.MessageStart(new Message(message.id(), message.model(), List.of(), null, null,
                message.usage(), message.extra())));
        int index = 0;
        for (ContentBlock block : message.content()) {
            addBlock(events, index++, block, json);
        }
        events.add(new StreamEvent.MessageDelta(
                new StreamEvent.StopInfo(message.stopReason(), message.stopSequence(), Map.of()), message.usage()));
        events.add(new StreamEvent.MessageStop());
        return List.copyOf(events);
    }

    private static void addBlock(List<StreamEvent> events, int index, ContentBlock block, JsonCodec json) {
        switch (block) {
            case ContentBlock.Text t -> {
                events.add(new StreamEvent.ContentBlockStart(index, new ContentBlock.Text("", t.extra())));
                if (!t.text().isEmpty()) {
                    events.add(new StreamEvent.ContentBlockDelta(index, new Delta.TextDelta(t.text())));
                }
            }
            case ContentBlock.Thinking t -> {
                events.add(new StreamEvent.ContentBlockStart(index, new ContentBlock.Thinking("", null, t.extra())));
                if (!t.thinking().isEmpty()) {
                    events.add(new StreamEvent.ContentBlockDelta(index, new Delta.ThinkingDelta(t.thinking())));
                }
                if (t.signature() != null) {
                    events.add(new StreamEvent.ContentBlockDelta(index, new Delta.SignatureDelta(t.signature())));
                }
            }
            case ContentBlock.ToolUse u -> {
                events.add(new StreamEvent.ContentBlockStart(index,
                        new ContentBlock.ToolUse(u.id(), u.name(), Map.of(), u.extra())));
                events.add(new StreamEvent.ContentBlockDelta(index, new Delta.InputJsonDelta(
                        new String(json.write(u.input()), StandardCharsets.UTF_8))));
            }
            default -> events.add(new StreamEvent.ContentBlockStart(index, block));
        }
        events.add(new StreamEvent.ContentBlockStop(index));
    }
}
