package dev.anyclaude.core.sse;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.Message;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.model.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds a stream of events into the one {@link Message} a non-streaming client gets: blocks by index, text and
 * thinking deltas joined, tool input JSON joined and parsed at the block's stop, stop reason and usage from the
 * last {@code message_delta}. Not thread-safe: one instance per answer.
 */
public final class MessageAggregator {
    private final JsonCodec json;
    private final TreeMap<Integer, Builder> blocks = new TreeMap<>();
    private Message start;
    private String stopReason;
    private String stopSequence;
    private Usage usage;
    private boolean stopped;

    public MessageAggregator(JsonCodec json) {
        this.json = json;
    }

    /**
     * Adds one event.
     *
     * @throws AnthropicException for an {@code error} event (with its type), or for events out of order
     */
    public void accept(StreamEvent event) {
        switch (event) {
            case StreamEvent.MessageStart s -> {
                start = s.message();
                usage = s.message().usage();
            }
            case StreamEvent.ContentBlockStart s -> blocks.put(s.index(), new Builder(s.contentBlock()));
            case StreamEvent.ContentBlockDelta d -> block(d.index()).append(d.delta());
            case StreamEvent.ContentBlockStop s -> block(s.index()).stop();
            case StreamEvent.MessageDelta d -> {
                stopReason = d.delta().stopReason();
                stopSequence = d.delta().stopSequence();
                usage = usage == null ? d.usage() : usage.updatedBy(d.usage());
            }
            case StreamEvent.MessageStop s -> stopped = true;
            case StreamEvent.Error e -> {
                ErrorType type = ErrorType.fromWireName(e.error().type());
                throw AnthropicException.of(type, e.error().message());
            }
            case StreamEvent.Ping p -> { }
            case StreamEvent.Unknown u -> { }
        }
    }

    /**
     * The whole answer.
     *
     * @throws AnthropicException 500 when the stream ended before {@code message_stop}
     */
    public Message result() {
        if (start == null || !stopped) {
            throw AnthropicException.apiError("the backend's answer ended before it was complete", null);
        }
        List<ContentBlock> content = new ArrayList<>(blocks.size());
        for (Builder builder : blocks.values()) {
            content.add(builder.build());
        }
        return new Message(start.id(), start.model(), content, stopReason, stopSequence, usage, start.extra());
    }

    private Builder block(int index) {
        Builder builder = blocks.get(index);
        if (builder == null) {
            throw AnthropicException.apiError("the backend sent a delta for block " + index + ", which never started", null);
        }
        return builder;
    }

    /** One block being assembled from its start and deltas. */
    private final class Builder {
        private final ContentBlock initial;
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder partialJson = new StringBuilder();
        private final List<Object> citations = new ArrayList<>();
        private String signature;
        private Map<String, Object> input;

        Builder(ContentBlock initial) {
            this.initial = initial;
        }

        void append(Delta delta) {
            switch (delta) {
                case Delta.TextDelta t -> text.append(t.text());
                case Delta.ThinkingDelta t -> text.append(t.thinking());
                case Delta.InputJsonDelta j -> partialJson.append(j.partialJson());
                case Delta.SignatureDelta s -> signature = s.signature();
                case Delta.CitationsDelta c -> citations.add(c.citation());
                case Delta.Unknown u -> { }
            }
        }

        @SuppressWarnings("unchecked")
        void stop() {
            if (initial instanceof ContentBlock.ToolUse && !partialJson.isEmpty()) {
                input = json.read(partialJson.toString().getBytes(StandardCharsets.UTF_8), Map.class);
            }
        }

        ContentBlock build() {
            return switch (initial) {
                case ContentBlock.Text t -> {
                    Map<String, Object> extra = t.extra();
                    if (!citations.isEmpty()) {
                        extra = new java.util.LinkedHashMap<>(extra);
                        extra.put("citations", List.copyOf(citations));
                    }
                    yield new ContentBlock.Text(t.text() + text, extra);
                }
                case ContentBlock.Thinking t -> new ContentBlock.Thinking(t.thinking() + text,
                        signature != null ? signature : t.signature(), t.extra());
                case ContentBlock.ToolUse u -> new ContentBlock.ToolUse(u.id(), u.name(),
                        input != null ? input : u.input(), u.extra());
                default -> initial;
            };
        }
    }
}
