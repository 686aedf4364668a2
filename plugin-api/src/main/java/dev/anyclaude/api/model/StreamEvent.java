package dev.anyclaude.api.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;
import java.util.Objects;

/**
 * One server-sent event of a streamed Messages answer. The SSE frame is {@code event: <type()>} then
 * {@code data: <this as JSON>}; the JSON's {@code type} equals the event name.
 *
 * <p>Order: {@link MessageStart}, then for each block (index 0, 1, ...) {@link ContentBlockStart},
 * {@link ContentBlockDelta}*, {@link ContentBlockStop}; then {@link MessageDelta} and {@link MessageStop}.
 * {@link Ping} may come anywhere. {@link Error} ends a stream that failed after it started.
 *
 * <pre>{@code
 * switch (event) {
 *     case StreamEvent.ContentBlockDelta d when d.delta() instanceof Delta.TextDelta t -> out.append(t.text());
 *     default -> { }
 * }
 * }</pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
        visible = true, defaultImpl = StreamEvent.Unknown.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = StreamEvent.MessageStart.class, name = "message_start"),
        @JsonSubTypes.Type(value = StreamEvent.ContentBlockStart.class, name = "content_block_start"),
        @JsonSubTypes.Type(value = StreamEvent.ContentBlockDelta.class, name = "content_block_delta"),
        @JsonSubTypes.Type(value = StreamEvent.ContentBlockStop.class, name = "content_block_stop"),
        @JsonSubTypes.Type(value = StreamEvent.MessageDelta.class, name = "message_delta"),
        @JsonSubTypes.Type(value = StreamEvent.MessageStop.class, name = "message_stop"),
        @JsonSubTypes.Type(value = StreamEvent.Ping.class, name = "ping"),
        @JsonSubTypes.Type(value = StreamEvent.Error.class, name = "error"),
})
public sealed interface StreamEvent {

    /** The event name, also the JSON {@code type}. */
    @JsonProperty("type")
    String type();

    /** Opens the answer; {@code message.content} is empty and {@code stop_reason} null. */
    @JsonPropertyOrder({"type", "message"})
    record MessageStart(@JsonProperty("message") Message message) implements StreamEvent {
        public MessageStart {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String type() {
            return "message_start";
        }
    }

    /** Opens the block at {@code index} with its initial (empty) form. */
    @JsonPropertyOrder({"type", "index", "content_block"})
    record ContentBlockStart(@JsonProperty("index") int index,
                             @JsonProperty("content_block") ContentBlock contentBlock) implements StreamEvent {
        public ContentBlockStart {
            Objects.requireNonNull(contentBlock, "content_block");
        }

        @Override
        public String type() {
            return "content_block_start";
        }
    }

    /** Appends {@code delta} to the block at {@code index}. */
    @JsonPropertyOrder({"type", "index", "delta"})
    record ContentBlockDelta(@JsonProperty("index") int index,
                             @JsonProperty("delta") Delta delta) implements StreamEvent {
        public ContentBlockDelta {
            Objects.requireNonNull(delta, "delta");
        }

        @Override
        public String type() {
            return "content_block_delta";
        }
    }

    /** Closes the block at {@code index}. */
    @JsonPropertyOrder({"type", "index"})
    record ContentBlockStop(@JsonProperty("index") int index) implements StreamEvent {
        @Override
        public String type() {
            return "content_block_stop";
        }
    }

    /**
     * Top-level changes at the end: {@code delta.stop_reason}, {@code delta.stop_sequence}, and the usage
     * totals so far (replace, never add).
     */
    @JsonPropertyOrder({"type", "delta", "usage"})
    record MessageDelta(@JsonProperty("delta") StopInfo delta,
                        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("usage") Usage usage)
            implements StreamEvent {
        public MessageDelta {
            Objects.requireNonNull(delta, "delta");
        }

        @Override
        public String type() {
            return "message_delta";
        }
    }

    /** The {@code delta} of a {@link MessageDelta}; {@code stop_sequence} is always written, null or not. */
    @JsonPropertyOrder({"stop_reason", "stop_sequence"})
    record StopInfo(@JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("stop_reason") String stopReason,
                    @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("stop_sequence") String stopSequence,
                    @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
        public StopInfo {
            extra = Extras.copyAll(extra);
        }

        /** A stop reason without a matched stop sequence. */
        public static StopInfo of(String stopReason) {
            return new StopInfo(stopReason, null, Map.of());
        }
    }

    /** Ends a successful answer. */
    record MessageStop() implements StreamEvent {
        @Override
        public String type() {
            return "message_stop";
        }
    }

    /** A keep-alive; carries nothing. */
    record Ping() implements StreamEvent {
        @Override
        public String type() {
            return "ping";
        }
    }

    /** A failure after the stream started: {@code {"type":"error","error":{"type","message"}}}. */
    @JsonPropertyOrder({"type", "error"})
    record Error(@JsonProperty("error") ErrorBody error) implements StreamEvent {
        public Error {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String type() {
            return "error";
        }
    }

    /** The body of an Anthropic error: its wire type (for example {@code overloaded_error}) and message. */
    @JsonPropertyOrder({"type", "message"})
    record ErrorBody(@JsonProperty("type") String type, @JsonProperty("message") String message) {
    }

    /** An event this API does not model; clients must ignore unknown events, so it is passed on unchanged. */
    record Unknown(@JsonAnySetter @JsonAnyGetter Map<String, Object> fields) implements StreamEvent {
        public Unknown {
            fields = Extras.copyAll(fields);
        }

        @Override
        @JsonIgnore
        public String type() {
            return String.valueOf(fields.get("type"));
        }
    }
}
