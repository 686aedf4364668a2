package dev.anyclaude.plugins.openai.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * A complete tool call in an assistant message of a request:
 * {@code {"id","type":"function","function":{"name","arguments":"<JSON string>"}}}.
 */
@JsonPropertyOrder({"id", "type", "function"})
public record ToolCall(@JsonProperty("id") String id, @JsonProperty("function") Function function) {

    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(function, "function");
    }

    /** A call of {@code name} with these JSON-encoded arguments. */
    public static ToolCall of(String id, String name, String arguments) {
        return new ToolCall(id, new Function(name, arguments));
    }

    /** Always {@code "function"}. */
    @JsonProperty("type")
    public String type() {
        return "function";
    }

    /** {@code {"name","arguments"}}; arguments is a JSON object encoded as a string. */
    @JsonPropertyOrder({"name", "arguments"})
    public record Function(@JsonProperty("name") String name, @JsonProperty("arguments") String arguments) {
        public Function {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arguments, "arguments");
        }
    }
}
