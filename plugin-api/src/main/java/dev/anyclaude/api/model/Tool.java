package dev.anyclaude.api.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * A tool the model may call. Client tools have {@code name}, {@code description} and {@code input_schema}
 * (JSON Schema, {@code type: object}); server tools have a versioned {@code type} such as
 * {@code web_search_20250305}. {@code cache_control}, {@code strict} and {@code eager_input_streaming} stay in
 * {@code extra}.
 *
 * @param type          null or {@code "custom"} for client tools, else the server tool's versioned type
 * @param name          the tool's name
 * @param description   what the tool does; may be null
 * @param inputSchema   the JSON Schema of the input; null for server tools
 * @param deferLoading  true when the client wants the tool loaded on demand (Claude Code's tool search)
 * @param extra         fields this record does not model, kept unchanged
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "name", "description", "input_schema"})
public record Tool(@JsonProperty("type") String type,
                   @JsonProperty("name") String name,
                   @JsonProperty("description") String description,
                   @JsonProperty("input_schema") Map<String, Object> inputSchema,
                   @JsonProperty("defer_loading") Boolean deferLoading,
                   @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public Tool {
        inputSchema = inputSchema == null ? null : Extras.copyAll(inputSchema);
        extra = Extras.copy(extra);
    }

    /** A client tool with this name, description and schema. */
    public static Tool of(String name, String description, Map<String, Object> inputSchema) {
        return new Tool(null, name, description, inputSchema, null, Map.of());
    }

    /** True for a tool the client runs (no type, or {@code custom}); false for Anthropic server tools. */
    @JsonIgnore
    public boolean isClientTool() {
        return type == null || "custom".equals(type);
    }
}
