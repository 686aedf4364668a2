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
 * One content block of a message, in a request or a response. The {@code type} field selects the record:
 * {@code text}, {@code image}, {@code document}, {@code tool_use}, {@code tool_result}, {@code thinking},
 * {@code redacted_thinking}. Any other type (server-tool blocks, types newer than this API) is read into
 * {@link Unknown} and written back unchanged.
 *
 * <p>Every record keeps the fields it does not model (for example {@code cache_control} or {@code citations})
 * in {@code extra}, so a block survives a read and a write byte-for-byte in meaning. Records are immutable;
 * the maps they hold are unmodifiable.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
        visible = true, defaultImpl = ContentBlock.Unknown.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = ContentBlock.Text.class, name = "text"),
        @JsonSubTypes.Type(value = ContentBlock.Image.class, name = "image"),
        @JsonSubTypes.Type(value = ContentBlock.Document.class, name = "document"),
        @JsonSubTypes.Type(value = ContentBlock.ToolUse.class, name = "tool_use"),
        @JsonSubTypes.Type(value = ContentBlock.ToolResult.class, name = "tool_result"),
        @JsonSubTypes.Type(value = ContentBlock.Thinking.class, name = "thinking"),
        @JsonSubTypes.Type(value = ContentBlock.RedactedThinking.class, name = "redacted_thinking"),
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ContentBlock {

    /** The wire {@code type} of this block. */
    @JsonProperty("type")
    String type();

    /** {@code {"type":"text","text":...}}; {@code citations} and {@code cache_control} stay in {@code extra}. */
    @JsonPropertyOrder({"type", "text"})
    record Text(@JsonProperty("text") String text,
                @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ContentBlock {
        public Text {
            Objects.requireNonNull(text, "text");
            extra = Extras.copy(extra);
        }

        /** A plain text block. */
        public Text(String text) {
            this(text, Map.of());
        }

        @Override
        public String type() {
            return "text";
        }
    }

    /**
     * {@code {"type":"image","source":{...}}}; the source is {@code base64} (media_type, data), {@code url} or
     * {@code file}.
     */
    @JsonPropertyOrder({"type", "source"})
    record Image(@JsonProperty("source") Source source,
                 @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ContentBlock {
        public Image {
            Objects.requireNonNull(source, "source");
            extra = Extras.copy(extra);
        }

        @Override
        public String type() {
            return "image";
        }
    }

    /** {@code {"type":"document","source":{...},"title"?,"context"?}}; a PDF, plain text, content or file. */
    @JsonPropertyOrder({"type", "source", "title", "context"})
    record Document(@JsonProperty("source") Source source,
                    @JsonProperty("title") String title,
                    @JsonProperty("context") String context,
                    @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ContentBlock {
        public Document {
            Objects.requireNonNull(source, "source");
            extra = Extras.copy(extra);
        }

        @Override
        public String type() {
            return "document";
        }
    }

    /** A tool call by the model: {@code {"type":"tool_use","id","name","input":{...}}}. */
    @JsonPropertyOrder({"type", "id", "name", "input"})
    record ToolUse(@JsonProperty("id") String id,
                   @JsonProperty("name") String name,
                   @JsonProperty("input") Map<String, Object> input,
                   @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ContentBlock {
        public ToolUse {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            input = input == null ? Map.of() : Extras.copyAll(input);
            extra = Extras.copy(extra);
        }

        @Override
        public String type() {
            return "tool_use";
        }
    }

    /**
     * The result of a tool call, in a user turn: {@code {"type":"tool_result","tool_use_id","content"?,
     * "is_error"?}}. The content is a string or blocks; both read into {@link Content}.
     */
    @JsonPropertyOrder({"type", "tool_use_id", "content", "is_error"})
    record ToolResult(@JsonProperty("tool_use_id") String toolUseId,
                      @JsonProperty("content") Content content,
                      @JsonProperty("is_error") Boolean isError,
                      @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ContentBlock {
        public ToolResult {
            Objects.requireNonNull(toolUseId, "tool_use_id");
            extra = Extras.copy(extra);
        }

        @Override
        public String type() {
            return "tool_result";
        }

        /** True when the client marked this result as an error. */
        @JsonIgnore
        public boolean failed() {
            return Boolean.TRUE.equals(isError);
        }
    }

    /** Model reasoning: {@code {"type":"thinking","thinking","signature"}}; echo it back unmodified. */
    @JsonPropertyOrder({"type", "thinking", "signature"})
    record Thinking(@JsonProperty("thinking") String thinking,
                    @JsonProperty("signature") String signature,
                    @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ContentBlock {
        public Thinking {
            Objects.requireNonNull(thinking, "thinking");
            extra = Extras.copy(extra);
        }

        @Override
        public String type() {
            return "thinking";
        }
    }

    /** Encrypted reasoning: {@code {"type":"redacted_thinking","data"}}; opaque, echo it back. */
    @JsonPropertyOrder({"type", "data"})
    record RedactedThinking(@JsonProperty("data") String data,
                            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ContentBlock {
        public RedactedThinking {
            Objects.requireNonNull(data, "data");
            extra = Extras.copy(extra);
        }

        @Override
        public String type() {
            return "redacted_thinking";
        }
    }

    /**
     * A block of a type this API does not model (server-tool blocks, future types). All its fields, the
     * {@code type} included, are kept as read and written back unchanged.
     */
    record Unknown(@JsonAnySetter @JsonAnyGetter Map<String, Object> fields) implements ContentBlock {
        public Unknown {
            fields = Extras.copyAll(fields);
        }

        @Override
        @JsonIgnore
        public String type() {
            return String.valueOf(fields.get("type"));
        }
    }

    /**
     * The source of an image or document: {@code base64} ({@code media_type}, {@code data}), {@code url}
     * ({@code url}), {@code text} ({@code media_type}, {@code data}), {@code file} ({@code file_id}) or
     * {@code content}; other fields stay in {@code extra}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "media_type", "data", "url", "file_id"})
    record Source(@JsonProperty("type") String type,
                  @JsonProperty("media_type") String mediaType,
                  @JsonProperty("data") String data,
                  @JsonProperty("url") String url,
                  @JsonProperty("file_id") String fileId,
                  @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
        public Source {
            Objects.requireNonNull(type, "type");
            extra = Extras.copy(extra);
        }
    }
}
