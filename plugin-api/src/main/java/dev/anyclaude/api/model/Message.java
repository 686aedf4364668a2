package dev.anyclaude.api.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer of {@code POST /v1/messages}: {@code {"id":"msg_...","type":"message","role":"assistant","model",
 * "content":[...],"stop_reason","stop_sequence","usage"}}. In {@code message_start} the content is empty and
 * {@code stop_reason} null. {@code stop_sequence} is always written (null when no stop string matched), as the
 * API does.
 *
 * @param id           {@code msg_...}
 * @param model        the model that answered
 * @param content      the answer's blocks, in order
 * @param stopReason   see {@link StopReason}; null only inside a stream's {@code message_start}
 * @param stopSequence the stop string that matched, or null
 * @param usage        token usage
 * @param extra        fields this record does not model ({@code container}, {@code stop_details}, ...)
 */
@JsonPropertyOrder({"id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage"})
public record Message(@JsonProperty("id") String id,
                      @JsonProperty("model") String model,
                      @JsonProperty("content") List<ContentBlock> content,
                      @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("stop_reason") String stopReason,
                      @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("stop_sequence") String stopSequence,
                      @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("usage") Usage usage,
                      @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public Message {
        Objects.requireNonNull(id, "id");
        content = content == null ? List.of() : List.copyOf(content);
        extra = without(extra, "type", "role");
    }

    /** Always {@code "message"}. */
    @JsonProperty("type")
    public String type() {
        return "message";
    }

    /** Always {@code "assistant"}. */
    @JsonProperty("role")
    public String role() {
        return "assistant";
    }

    private static Map<String, Object> without(Map<String, Object> extra, String... keys) {
        Map<String, Object> copy = Extras.copy(extra);
        if (copy.isEmpty()) {
            return copy;
        }
        var mutable = new java.util.LinkedHashMap<>(copy);
        for (String key : keys) {
            mutable.remove(key);
        }
        return java.util.Collections.unmodifiableMap(mutable);
    }
}
