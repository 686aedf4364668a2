package dev.anyclaude.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Extended thinking: {@code {"type":"enabled","budget_tokens":N}}, {@code {"type":"adaptive"}} (the model picks
 * the budget; Claude Code sends it for the newest models) or {@code {"type":"disabled"}}. The first two take an
 * optional {@code display}: {@code summarized} or {@code omitted}.
 */
@com.fasterxml.jackson.annotation.JsonPropertyOrder({"type"})
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ThinkingConfig.Enabled.class, name = "enabled"),
        @JsonSubTypes.Type(value = ThinkingConfig.Adaptive.class, name = "adaptive"),
        @JsonSubTypes.Type(value = ThinkingConfig.Disabled.class, name = "disabled"),
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ThinkingConfig {

    /** The wire {@code type}. */
    @JsonProperty("type")
    String type();

    /** Thinking with a fixed token budget (at least 1024 and below {@code max_tokens}). */
    record Enabled(@JsonProperty("budget_tokens") int budgetTokens,
                   @JsonProperty("display") String display) implements ThinkingConfig {
        @Override
        public String type() {
            return "enabled";
        }
    }

    /** Thinking whose budget the model chooses. */
    record Adaptive(@JsonProperty("display") String display) implements ThinkingConfig {
        @Override
        public String type() {
            return "adaptive";
        }
    }

    /** No thinking. */
    record Disabled() implements ThinkingConfig {
        @Override
        public String type() {
            return "disabled";
        }
    }
}
