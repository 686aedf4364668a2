package dev.anyclaude.plugins.openai.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.Objects;

/** A tool of a chat request: {@code {"type":"function","function":{"name","description"?,"parameters"}}}. */
@JsonPropertyOrder({"type", "function"})
public record ToolDefinition(@JsonProperty("function") FunctionDefinition function) {

    public ToolDefinition {
        Objects.requireNonNull(function, "function");
    }

    /** A function tool. */
    public static ToolDefinition function(String name, String description, Map<String, Object> parameters) {
        return new ToolDefinition(new FunctionDefinition(name, description, parameters));
    }

    /** Always {@code "function"}. */
    @JsonProperty("type")
    public String type() {
        return "function";
    }

    /**
     * @param name        {@code [A-Za-z0-9_-]}, at most 64 characters for OpenAI
     * @param description may be null (then not written) or empty
     * @param parameters  a JSON Schema of {@code type: object}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "description", "parameters"})
    public record FunctionDefinition(@JsonProperty("name") String name,
                                     @JsonProperty("description") String description,
                                     @JsonProperty("parameters") Map<String, Object> parameters) {
        public FunctionDefinition {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(parameters, "parameters");
        }
    }
}
