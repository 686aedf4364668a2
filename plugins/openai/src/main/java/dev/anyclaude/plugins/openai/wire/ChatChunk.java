package dev.anyclaude.plugins.openai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One {@code data:} chunk of a streamed chat completion. Read tolerantly: unknown fields are ignored and every
 * field may be null or absent. A usage-only chunk has empty {@code choices} (mlx_lm.server even sends it with
 * {@code object:"chat.completion"}); a chunk with {@code error} reports a failure in the middle of the stream.
 *
 * @param id      the completion id, constant over the stream
 * @param object  normally {@code chat.completion.chunk}
 * @param model   the model that answered
 * @param choices the choices; anyclaude only reads the one with index 0
 * @param usage   token usage, usually only on the last chunk
 * @param error   a mid-stream error, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatChunk(@JsonProperty("id") String id,
                        @JsonProperty("object") String object,
                        @JsonProperty("model") String model,
                        @JsonProperty("choices") List<Choice> choices,
                        @JsonProperty("usage") ChatUsage usage,
                        @JsonProperty("error") UpstreamError error) {

    public ChatChunk {
        choices = withoutNulls(choices);
    }

    /**
     * One choice of a chunk.
     *
     * @param index        the choice index; null is read as 0
     * @param delta        what this chunk adds; may be null
     * @param finishReason set on the choice's last chunk: {@code stop}, {@code length}, {@code tool_calls},
     *                     {@code content_filter}, {@code function_call}, or OpenRouter's {@code error}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Choice(@JsonProperty("index") Integer index,
                         @JsonProperty("delta") Delta delta,
                         @JsonProperty("finish_reason") String finishReason) {
    }

    /**
     * The {@code delta} of a choice. Reasoning text comes as {@code reasoning} (vLLM, Ollama, mlx_lm, LM Studio,
     * OpenRouter) or {@code reasoning_content} (DeepSeek, llama.cpp, older vLLM). {@code role} may repeat on
     * every delta (mlx_lm.server).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Delta(@JsonProperty("role") String role,
                        @JsonProperty("content") String content,
                        @JsonProperty("reasoning") String reasoning,
                        @JsonProperty("reasoning_content") String reasoningContent,
                        @JsonProperty("refusal") String refusal,
                        @JsonProperty("tool_calls") List<ToolCallDelta> toolCalls) {
        public Delta {
            toolCalls = withoutNulls(toolCalls);
        }
    }

    /** The list without null elements, unmodifiable; read once per chunk, so without a stream when none is null. */
    static <T> List<T> withoutNulls(List<T> list) {
        if (list == null) {
            return List.of();
        }
        for (T element : list) {
            if (element == null) {
                return list.stream().filter(java.util.Objects::nonNull).toList();
            }
        }
        return java.util.Collections.unmodifiableList(list);
    }
}
