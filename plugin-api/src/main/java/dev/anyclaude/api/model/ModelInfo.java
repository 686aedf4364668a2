package dev.anyclaude.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * One entry of {@code GET /v1/models}: {@code {"id","type":"model","display_name","created_at"}}.
 *
 * @param id          the model name a client puts in {@code model}
 * @param displayName a human-readable name
 * @param createdAt   RFC 3339 time, or null when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "type", "display_name", "created_at"})
public record ModelInfo(@JsonProperty("id") String id,
                        @JsonProperty("display_name") String displayName,
                        @JsonProperty("created_at") String createdAt) {
    public ModelInfo {
        Objects.requireNonNull(id, "id");
        displayName = displayName == null ? id : displayName;
    }

    /** Always {@code "model"}. */
    @JsonProperty("type")
    public String type() {
        return "model";
    }
}
