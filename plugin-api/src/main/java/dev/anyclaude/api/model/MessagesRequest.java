package dev.anyclaude.api.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of {@code POST /v1/messages} (and, without {@code max_tokens}, of {@code count_tokens}).
 *
 * <p>Every field of the Messages API is modelled; fields newer than this API are kept in {@code extra} and
 * written back unchanged, so new API features pass through anyclaude. Absent optional fields are null and are
 * not written. A change makes a copy: {@link #withModel(String)}, {@link #withMessages(List)},
 * {@link #withStream(Boolean)}.
 *
 * @param model             the model name as the client sent it; required
 * @param maxTokens         the output cap; required for messages, absent for count_tokens; 0 is allowed
 * @param messages          the conversation; required
 * @param system            the system prompt (string or text blocks); may be null
 * @param stopSequences     custom stop strings; may be null
 * @param temperature       sampling temperature; may be null
 * @param topP              nucleus sampling; may be null
 * @param topK              top-k sampling; may be null
 * @param stream            true for an SSE answer; null or false for one JSON answer
 * @param tools             tool definitions; may be null
 * @param toolChoice        how tools may be used; may be null
 * @param thinking          extended thinking ({@code enabled} or {@code adaptive}); may be null
 * @param metadata          opaque metadata ({@code user_id}); volatile, never part of a cache key
 * @param serviceTier       {@code auto} or {@code standard_only}; may be null
 * @param outputConfig      effort and structured output; Anthropic-only
 * @param contextManagement context editing (beta); Anthropic-only, opaque
 * @param extra             fields this record does not model (for example top-level {@code cache_control})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"model", "max_tokens", "messages", "system"})
public record MessagesRequest(
        @JsonProperty("model") String model,
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("messages") List<InputMessage> messages,
        @JsonProperty("system") Content system,
        @JsonProperty("stop_sequences") List<String> stopSequences,
        @JsonProperty("temperature") Double temperature,
        @JsonProperty("top_p") Double topP,
        @JsonProperty("top_k") Integer topK,
        @JsonProperty("stream") Boolean stream,
        @JsonProperty("tools") List<Tool> tools,
        @JsonProperty("tool_choice") ToolChoice toolChoice,
        @JsonProperty("thinking") ThinkingConfig thinking,
        @JsonProperty("metadata") Map<String, Object> metadata,
        @JsonProperty("service_tier") String serviceTier,
        @JsonProperty("output_config") OutputConfig outputConfig,
        @JsonProperty("context_management") Map<String, Object> contextManagement,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public MessagesRequest {
        messages = messages == null ? null : List.copyOf(messages);
        stopSequences = stopSequences == null ? null : List.copyOf(stopSequences);
        tools = tools == null ? null : List.copyOf(tools);
        metadata = metadata == null ? null : Extras.copyAll(metadata);
        contextManagement = contextManagement == null ? null : Extras.copyAll(contextManagement);
        extra = Extras.copyAll(extra);
    }

    /** A minimal request: model, output cap and messages. */
    public static MessagesRequest of(String model, int maxTokens, List<InputMessage> messages) {
        return new MessagesRequest(Objects.requireNonNull(model, "model"), maxTokens,
                Objects.requireNonNull(messages, "messages"), null, null, null, null, null, null, null, null, null,
                null, null, null, null, Map.of());
    }

    /** True when the client asked for an SSE stream. */
    @JsonIgnore
    public boolean isStreaming() {
        return Boolean.TRUE.equals(stream);
    }

    /** A copy with another model name. */
    public MessagesRequest withModel(String newModel) {
        return new MessagesRequest(newModel, maxTokens, messages, system, stopSequences, temperature, topP, topK,
                stream, tools, toolChoice, thinking, metadata, serviceTier, outputConfig, contextManagement, extra);
    }

    /** A copy with other messages. */
    public MessagesRequest withMessages(List<InputMessage> newMessages) {
        return new MessagesRequest(model, maxTokens, newMessages, system, stopSequences, temperature, topP, topK,
                stream, tools, toolChoice, thinking, metadata, serviceTier, outputConfig, contextManagement, extra);
    }

    /** A copy with another {@code stream} flag. */
    public MessagesRequest withStream(Boolean newStream) {
        return new MessagesRequest(model, maxTokens, messages, system, stopSequences, temperature, topP, topK,
                newStream, tools, toolChoice, thinking, metadata, serviceTier, outputConfig, contextManagement,
                extra);
    }
}
