package dev.anyclaude.plugins.openai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A non-streamed chat completion: {@code {id, object:"chat.completion", model, choices:[{index, message,
 * finish_reason}], usage}}. Read tolerantly; every field may be null. Some servers answer 200 with an
 * {@code error} instead.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatResponse(@JsonProperty("id") String id,
                           @JsonProperty("object") String object,
                           @JsonProperty("model") String model,
                           @JsonProperty("choices") List<Choice> choices,
                           @JsonProperty("usage") ChatUsage usage,
                           @JsonProperty("error") UpstreamError error) {

    public ChatResponse {
        choices = choices == null ? List.of() : choices.stream().filter(java.util.Objects::nonNull).toList();
    }

    /** One choice: the whole {@code message} and its {@code finish_reason}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Choice(@JsonProperty("index") Integer index,
                         @JsonProperty("message") Message message,
                         @JsonProperty("finish_reason") String finishReason) {
    }

    /** The assistant message; reasoning under either name, tool calls whole. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(@JsonProperty("role") String role,
                          @JsonProperty("content") String content,
                          @JsonProperty("reasoning") String reasoning,
                          @JsonProperty("reasoning_content") String reasoningContent,
                          @JsonProperty("refusal") String refusal,
                          @JsonProperty("tool_calls") List<ToolCallDelta> toolCalls) {
        public Message {
            toolCalls = toolCalls == null ? List.of()
                    : toolCalls.stream().filter(java.util.Objects::nonNull).toList();
        }
    }
}
