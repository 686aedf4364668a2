package dev.anyclaude.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/**
 * How the model may use tools: {@code auto}, {@code any} (must call some tool), {@code tool} (must call the
 * named tool) or {@code none}. The first three carry {@code disable_parallel_tool_use}.
 */
@com.fasterxml.jackson.annotation.JsonPropertyOrder({"type"})
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ToolChoice.Auto.class, name = "auto"),
        @JsonSubTypes.Type(value = ToolChoice.Any.class, name = "any"),
        @JsonSubTypes.Type(value = ToolChoice.Named.class, name = "tool"),
        @JsonSubTypes.Type(value = ToolChoice.None.class, name = "none"),
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ToolChoice {

    /** The wire {@code type}. */
    @JsonProperty("type")
    String type();

    /** The model decides whether to call tools. */
    record Auto(@JsonProperty("disable_parallel_tool_use") Boolean disableParallelToolUse) implements ToolChoice {
        @Override
        public String type() {
            return "auto";
        }
    }

    /** The model must call at least one tool. */
    record Any(@JsonProperty("disable_parallel_tool_use") Boolean disableParallelToolUse) implements ToolChoice {
        @Override
        public String type() {
            return "any";
        }
    }

    /** The model must call the tool named {@code name}. */
    record Named(@JsonProperty("name") String name,
                 @JsonProperty("disable_parallel_tool_use") Boolean disableParallelToolUse) implements ToolChoice {
        public Named {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String type() {
            return "tool";
        }
    }

    /** The model must not call tools. */
    record None() implements ToolChoice {
        @Override
        public String type() {
            return "none";
        }
    }
}
