package dev.anyclaude.plugins.openai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * A tool call as read from the upstream: a fragment in a stream chunk, or a whole call in a non-stream message.
 * Per the spec {@code id}, {@code type} and {@code name} come on a call's first fragment only and {@code index}
 * keys the call; servers differ (missing or constant index, id repeated on every fragment, whole calls in one
 * chunk), so every field may be null.
 *
 * @param index    the call's position among the choice's calls; may be null
 * @param id       the call id; may be null
 * @param type     normally {@code function}
 * @param function name and arguments pieces; may be null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolCallDelta(@JsonProperty("index") Integer index,
                            @JsonProperty("id") String id,
                            @JsonProperty("type") String type,
                            @JsonProperty("function") Function function) {

    /** The function name, or null. */
    public String name() {
        return function == null ? null : function.name();
    }

    /** The arguments piece, or null. */
    public String arguments() {
        return function == null ? null : function.arguments();
    }

    /**
     * {@code {"name","arguments"}}. {@code arguments} is a JSON string on the wire; some servers send the object
     * itself, which is read as its JSON text.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Function(@JsonProperty("name") String name,
                           @JsonProperty("arguments") @JsonDeserialize(using = ArgumentsDeserializer.class)
                           String arguments) {
    }
}
