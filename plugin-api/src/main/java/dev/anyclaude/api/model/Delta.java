package dev.anyclaude.api.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code delta} of a {@code content_block_delta} event: a piece to append to the block at that index.
 * Unknown delta types read into {@link Unknown} and are written back unchanged.
 */
@com.fasterxml.jackson.annotation.JsonPropertyOrder({"type"})
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
        visible = true, defaultImpl = Delta.Unknown.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = Delta.TextDelta.class, name = "text_delta"),
        @JsonSubTypes.Type(value = Delta.InputJsonDelta.class, name = "input_json_delta"),
        @JsonSubTypes.Type(value = Delta.ThinkingDelta.class, name = "thinking_delta"),
        @JsonSubTypes.Type(value = Delta.SignatureDelta.class, name = "signature_delta"),
        @JsonSubTypes.Type(value = Delta.CitationsDelta.class, name = "citations_delta"),
})
public sealed interface Delta {

    /** The wire {@code type}. */
    @JsonProperty("type")
    String type();

    /** More text for a {@code text} block. */
    record TextDelta(@JsonProperty("text") String text) implements Delta {
        public TextDelta {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String type() {
            return "text_delta";
        }
    }

    /** A fragment of a {@code tool_use} block's input JSON; valid JSON only once all fragments are joined. */
    record InputJsonDelta(@JsonProperty("partial_json") String partialJson) implements Delta {
        public InputJsonDelta {
            Objects.requireNonNull(partialJson, "partial_json");
        }

        @Override
        public String type() {
            return "input_json_delta";
        }
    }

    /** More reasoning for a {@code thinking} block. */
    record ThinkingDelta(@JsonProperty("thinking") String thinking) implements Delta {
        public ThinkingDelta {
            Objects.requireNonNull(thinking, "thinking");
        }

        @Override
        public String type() {
            return "thinking_delta";
        }
    }

    /** The signature of a {@code thinking} block, sent once just before it stops. */
    record SignatureDelta(@JsonProperty("signature") String signature) implements Delta {
        public SignatureDelta {
            Objects.requireNonNull(signature, "signature");
        }

        @Override
        public String type() {
            return "signature_delta";
        }
    }

    /** A citation to add to a {@code text} block. */
    record CitationsDelta(@JsonProperty("citation") Map<String, Object> citation) implements Delta {
        public CitationsDelta {
            citation = Extras.copyAll(citation);
        }

        @Override
        public String type() {
            return "citations_delta";
        }
    }

    /** A delta of a type this API does not model; all fields kept as read. */
    record Unknown(@JsonAnySetter @JsonAnyGetter Map<String, Object> fields) implements Delta {
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
