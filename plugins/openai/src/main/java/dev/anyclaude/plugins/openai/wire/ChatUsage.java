package dev.anyclaude.plugins.openai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Token usage of a chat completion. {@code prompt_tokens} includes the cached tokens reported in
 * {@code prompt_tokens_details.cached_tokens}. Every field may be null.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatUsage(@JsonProperty("prompt_tokens") Integer promptTokens,
                        @JsonProperty("completion_tokens") Integer completionTokens,
                        @JsonProperty("total_tokens") Integer totalTokens,
                        @JsonProperty("prompt_tokens_details") PromptDetails promptTokensDetails,
                        @JsonProperty("completion_tokens_details") CompletionDetails completionTokensDetails) {

    /** The cached part of the prompt, or 0. */
    public int cachedTokens() {
        return promptTokensDetails == null || promptTokensDetails.cachedTokens() == null
                ? 0 : promptTokensDetails.cachedTokens();
    }

    /** {@code {"cached_tokens"}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PromptDetails(@JsonProperty("cached_tokens") Integer cachedTokens) {
    }

    /** {@code {"reasoning_tokens"}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CompletionDetails(@JsonProperty("reasoning_tokens") Integer reasoningTokens) {
    }
}
