package dev.anyclaude.plugins.openai.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.StreamEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Anthropic stream contract, checked on a list of events: exactly one {@code message_start}, first; blocks
 * started at consecutive indices from 0, one open at a time, every delta inside its started and unstopped
 * block with a delta type that fits the block; then {@code message_delta} and {@code message_stop} last, or an
 * {@code error} last with no {@code message_stop}. Tool input must parse as a JSON object at its stop.
 */
final class EventSequenceCheck {
    private EventSequenceCheck() {
    }

    /** The answer's content as plain values (type, text, id, name, input), for comparing two answers. */
    static List<Map<String, Object>> assertWellFormed(List<StreamEvent> events) {
        assertThat(events).as("events").isNotEmpty();
        assertThat(events.getFirst()).as("first event").isInstanceOf(StreamEvent.MessageStart.class);
        StreamEvent last = events.getLast();
        boolean failed = last instanceof StreamEvent.Error;
        if (!failed) {
            assertThat(last).as("last event").isInstanceOf(StreamEvent.MessageStop.class);
            assertThat(events.get(events.size() - 2)).as("event before message_stop")
                    .isInstanceOf(StreamEvent.MessageDelta.class);
        }
        List<Map<String, Object>> blocks = new ArrayList<>();
        List<StringBuilder> texts = new ArrayList<>();
        Integer open = null;
        for (int i = 0; i < events.size(); i++) {
            StreamEvent event = events.get(i);
            switch (event) {
                case StreamEvent.MessageStart start -> assertThat(i).as("message_start position").isZero();
                case StreamEvent.ContentBlockStart start -> {
                    assertThat(open).as("block open when block %d starts", start.index()).isNull();
                    assertThat(start.index()).as("next block index").isEqualTo(blocks.size());
                    open = start.index();
                    Map<String, Object> block = new LinkedHashMap<>();
                    block.put("type", start.contentBlock().type());
                    if (start.contentBlock() instanceof ContentBlock.ToolUse use) {
                        assertThat(use.id()).isNotBlank();
                        block.put("id", use.id());
                        block.put("name", use.name());
                    }
                    blocks.add(block);
                    texts.add(new StringBuilder());
                }
                case StreamEvent.ContentBlockDelta delta -> {
                    assertThat(delta.index()).as("delta outside the open block").isEqualTo(open);
                    String type = (String) blocks.get(delta.index()).get("type");
                    String piece = switch (delta.delta()) {
                        case Delta.TextDelta t when type.equals("text") -> t.text();
                        case Delta.ThinkingDelta t when type.equals("thinking") -> t.thinking();
                        case Delta.InputJsonDelta j when type.equals("tool_use") -> j.partialJson();
                        default -> fail("delta " + delta.delta().type() + " in a " + type + " block");
                    };
                    texts.get(delta.index()).append(piece);
                }
                case StreamEvent.ContentBlockStop stop -> {
                    assertThat(stop.index()).as("stop of a block that is not open").isEqualTo(open);
                    open = null;
                    Map<String, Object> block = blocks.get(stop.index());
                    String text = texts.get(stop.index()).toString();
                    if ("tool_use".equals(block.get("type"))) {
                        block.put("input", parseObject(text.isEmpty() ? "{}" : text));
                    } else {
                        block.put("text", text);
                    }
                }
                case StreamEvent.MessageDelta delta -> {
                    assertThat(failed).as("message_delta in a failed answer").isFalse();
                    assertThat(open).as("block still open at message_delta").isNull();
                    assertThat(delta.delta().stopReason()).isNotNull();
                    assertThat(delta.usage()).isNotNull();
                }
                case StreamEvent.MessageStop stop -> assertThat(i).as("message_stop position").isEqualTo(events.size() - 1);
                case StreamEvent.Error error -> {
                    assertThat(i).as("error position").isEqualTo(events.size() - 1);
                    assertThat(open).as("block still open at error").isNull();
                }
                default -> fail("unexpected event " + event);
            }
        }
        return blocks;
    }

    private static Map<String, Object> parseObject(String json) {
        try {
            return TestJson.PROTOCOL.readValue(json, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("tool input is not a JSON object: " + json, e);
        }
    }
}
