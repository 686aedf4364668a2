package dev.anyclaude.api.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Token usage. {@code input_tokens} excludes cache reads and writes; the whole prompt is
 * {@code input + cache_creation + cache_read}. In a stream, {@code message_delta.usage} carries running totals
 * (replace, never add). Other fields ({@code cache_creation}, {@code server_tool_use}, {@code service_tier})
 * stay in {@code extra}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Usage(@JsonProperty("input_tokens") Integer inputTokens,
                    @JsonProperty("output_tokens") Integer outputTokens,
                    @JsonProperty("cache_creation_input_tokens") Integer cacheCreationInputTokens,
                    @JsonProperty("cache_read_input_tokens") Integer cacheReadInputTokens,
                    @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    public Usage {
        extra = Extras.copyAll(extra);
    }

    /** Usage with input and output counts only. */
    public static Usage of(int inputTokens, int outputTokens) {
        return new Usage(inputTokens, outputTokens, null, null, Map.of());
    }

    /** This usage with the non-null fields of {@code later} taking precedence (stream totals replace). */
    public Usage updatedBy(Usage later) {
        if (later == null) {
            return this;
        }
        return new Usage(
                later.inputTokens != null ? later.inputTokens : inputTokens,
                later.outputTokens != null ? later.outputTokens : outputTokens,
                later.cacheCreationInputTokens != null ? later.cacheCreationInputTokens : cacheCreationInputTokens,
                later.cacheReadInputTokens != null ? later.cacheReadInputTokens : cacheReadInputTokens,
                later.extra.isEmpty() ? extra : later.extra);
    }
}
