package dev.anyclaude.plugins.openai.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a chat request's {@code messages}. Only written, never read.
 *
 * <p>{@code content} is always written, as null when absent: mlx_lm.server reads {@code message["content"]}
 * and fails on an assistant message that only has {@code tool_calls} and no {@code content} key.
 *
 * @param role             {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param content          a {@code String}, a {@code List<ContentPart>}, or null (assistant with tool calls only)
 * @param reasoningContent the assistant's earlier reasoning, only when the options ask to send it back
 * @param toolCalls        the assistant's tool calls; null when none
 * @param toolCallId       for {@code tool} messages: the call this answers
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"role", "content", "reasoning_content", "tool_calls", "tool_call_id"})
public record ChatMessage(@JsonProperty("role") String role,
                          @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("content") Object content,
                          @JsonProperty("reasoning_content") String reasoningContent,
                          @JsonProperty("tool_calls") List<ToolCall> toolCalls,
                          @JsonProperty("tool_call_id") String toolCallId) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        if (content != null && !(content instanceof String) && !(content instanceof List<?>)) {
            throw new IllegalArgumentException("content must be a String, a List<ContentPart> or null");
        }
        content = content instanceof List<?> parts ? List.copyOf(parts) : content;
        toolCalls = toolCalls == null || toolCalls.isEmpty() ? null : List.copyOf(toolCalls);
    }

    /** A {@code system} message. */
    public static ChatMessage system(String text) {
        return new ChatMessage("system", text, null, null, null);
    }

    /** A {@code user} message with string or part content. */
    public static ChatMessage user(Object content) {
        return new ChatMessage("user", content, null, null, null);
    }

    /** A {@code tool} message answering the call {@code toolCallId}. */
    public static ChatMessage tool(String toolCallId, String content) {
        return new ChatMessage("tool", content, null, null, Objects.requireNonNull(toolCallId, "toolCallId"));
    }

    /** One part of a {@code user} message's array content: {@code text} or {@code image_url}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "text", "image_url"})
    public record ContentPart(@JsonProperty("type") String type,
                              @JsonProperty("text") String text,
                              @JsonProperty("image_url") ImageUrl imageUrl) {
        /** {@code {"type":"text","text"}}. */
        public static ContentPart text(String text) {
            return new ContentPart("text", Objects.requireNonNull(text, "text"), null);
        }

        /** {@code {"type":"image_url","image_url":{"url"}}}; the url is http(s) or a {@code data:} URL. */
        public static ContentPart image(String url) {
            return new ContentPart("image_url", null, new ImageUrl(Objects.requireNonNull(url, "url")));
        }
    }

    /** {@code {"url"}}. */
    public record ImageUrl(@JsonProperty("url") String url) {
    }
}
