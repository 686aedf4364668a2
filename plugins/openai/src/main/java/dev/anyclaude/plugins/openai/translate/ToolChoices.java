package dev.anyclaude.plugins.openai.translate;

import dev.anyclaude.api.model.ToolChoice;
import dev.anyclaude.plugins.openai.wire.ChatRequest;

/**
 * Maps {@code tool_choice}: {@code auto} to {@code "auto"}, {@code any} to {@code "required"}, {@code tool} to
 * {@code {"type":"function","function":{"name"}}}, {@code none} to {@code "none"}; and
 * {@code disable_parallel_tool_use: true} to {@code parallel_tool_calls: false}.
 */
final class ToolChoices {
    private ToolChoices() {
    }

    /** The OpenAI {@code tool_choice}, or null to leave the server's default ({@code auto} with tools). */
    static Object choice(ToolChoice choice, ToolNames names) {
        return switch (choice) {
            case null -> null;
            case ToolChoice.Auto auto -> "auto";
            case ToolChoice.Any any -> "required";
            case ToolChoice.Named named -> ChatRequest.NamedToolChoice.of(names.upstream(named.name()));
            case ToolChoice.None none -> "none";
        };
    }

    /** {@code parallel_tool_calls}: false when the client disabled parallel use, else the configured default. */
    static Boolean parallel(ToolChoice choice, Boolean configured) {
        Boolean disabled = switch (choice) {
            case ToolChoice.Auto auto -> auto.disableParallelToolUse();
            case ToolChoice.Any any -> any.disableParallelToolUse();
            case ToolChoice.Named named -> named.disableParallelToolUse();
            case null, default -> null;
        };
        return Boolean.TRUE.equals(disabled) ? Boolean.FALSE : configured;
    }
}
