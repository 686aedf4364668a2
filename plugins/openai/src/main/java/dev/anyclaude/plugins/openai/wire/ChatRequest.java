package dev.anyclaude.plugins.openai.wire;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of {@code POST /v1/chat/completions}, as anyclaude sends it. Only written, never read. Absent
 * (null) fields are not written.
 *
 * <p>Non-standard fields that the translation itself decides to send (for example {@code top_k}) are in
 * {@code extra}, written after the standard ones. Fields from the user's config ({@code extraBody}) are not
 * part of this record: {@link OpenAiJson#writeRequest(ChatRequest, Map)} merges them into the JSON tree, so a
 * config value can override or remove any field, standard or not.
 *
 * @param model               the upstream model name
 * @param messages            the conversation, system message first
 * @param maxTokens           {@code max_tokens}; null when {@code max_completion_tokens} is used instead
 * @param maxCompletionTokens {@code max_completion_tokens}; null when {@code max_tokens} is used instead
 * @param temperature         sampling temperature
 * @param topP                nucleus sampling
 * @param stop                stop strings
 * @param stream              true when the client streams (or the options say always), else false
 * @param streamOptions       {@code {"include_usage": true}}; null without a stream or for servers that reject it
 * @param tools               function tools; null when there are none
 * @param toolChoice          {@code "auto"}, {@code "required"}, {@code "none"} or a {@link NamedToolChoice}
 * @param parallelToolCalls   {@code parallel_tool_calls}
 * @param reasoningEffort     {@code low}, {@code medium} or {@code high}
 * @param extra               further top-level fields, written as they are; unmodifiable
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"model", "messages", "max_tokens", "max_completion_tokens", "temperature", "top_p", "stop",
        "stream", "stream_options", "tools", "tool_choice", "parallel_tool_calls", "reasoning_effort"})
public record ChatRequest(@JsonProperty("model") String model,
                          @JsonProperty("messages") List<ChatMessage> messages,
                          @JsonProperty("max_tokens") Integer maxTokens,
                          @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
                          @JsonProperty("temperature") Double temperature,
                          @JsonProperty("top_p") Double topP,
                          @JsonProperty("stop") List<String> stop,
                          @JsonProperty("stream") Boolean stream,
                          @JsonProperty("stream_options") StreamOptions streamOptions,
                          @JsonProperty("tools") List<ToolDefinition> tools,
                          @JsonProperty("tool_choice") Object toolChoice,
                          @JsonProperty("parallel_tool_calls") Boolean parallelToolCalls,
                          @JsonProperty("reasoning_effort") String reasoningEffort,
                          @JsonAnyGetter Map<String, Object> extra) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        stop = stop == null ? null : List.copyOf(stop);
        tools = tools == null ? null : List.copyOf(tools);
        if (toolChoice != null && !(toolChoice instanceof String) && !(toolChoice instanceof NamedToolChoice)) {
            throw new IllegalArgumentException("tool_choice must be a String or a NamedToolChoice");
        }
        extra = extra == null || extra.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** {@code {"include_usage": true}}: ask for a final usage chunk. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StreamOptions(@JsonProperty("include_usage") Boolean includeUsage) {
    }

    /** {@code {"type":"function","function":{"name"}}}: the model must call this function. */
    @JsonPropertyOrder({"type", "function"})
    public record NamedToolChoice(@JsonProperty("function") FunctionName function) {
        public NamedToolChoice {
            Objects.requireNonNull(function, "function");
        }

        /** A choice of the function with this name. */
        public static NamedToolChoice of(String name) {
            return new NamedToolChoice(new FunctionName(name));
        }

        /** Always {@code "function"}. */
        @JsonProperty("type")
        public String type() {
            return "function";
        }
    }

    /** {@code {"name"}}. */
    public record FunctionName(@JsonProperty("name") String name) {
        public FunctionName {
            Objects.requireNonNull(name, "name");
        }
    }
}
