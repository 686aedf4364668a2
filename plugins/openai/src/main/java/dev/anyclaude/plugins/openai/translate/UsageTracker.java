package dev.anyclaude.plugins.openai.translate;

import dev.anyclaude.api.model.Usage;
import dev.anyclaude.plugins.openai.wire.ChatUsage;
import java.util.Map;

/**
 * The answer's Anthropic usage from the upstream's OpenAI usage, by LiteLLM's rule: {@code input_tokens} is the
 * prompt without the cached part ({@code prompt_tokens - cached_tokens}), {@code cache_read_input_tokens} is the
 * cached part, {@code output_tokens} is {@code completion_tokens}.
 *
 * <p>Until the upstream reports usage (and when it never does: LM Studio, servers without
 * {@code stream_options}), the input is the request's estimate and the output is estimated as a quarter of the
 * characters sent (text, reasoning, tool names and arguments), rounded up. Claude Code decides when to compact
 * from these numbers, so an estimate is better than the zeros other translators send. Not thread-safe.
 */
final class UsageTracker {
    private static final int CHARS_PER_TOKEN = 4;

    private final int estimatedInput;
    private ChatUsage reported;

    UsageTracker(int estimatedInput) {
        this.estimatedInput = Math.max(estimatedInput, 0);
    }

    /** Keeps the latest usage the upstream reported; totals replace, never add. */
    void report(ChatUsage usage) {
        if (usage != null) {
            reported = usage;
        }
    }

    /** The usage for {@code message_start}: the estimate, nothing generated yet. */
    Usage atStart() {
        return new Usage(estimatedInput, 0, null, 0, Map.of());
    }

    /** The usage for {@code message_delta}, given the characters generated. */
    Usage atEnd(long outputChars) {
        int estimatedOutput = (int) Math.min(Integer.MAX_VALUE, (outputChars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN);
        if (reported == null) {
            return new Usage(estimatedInput, estimatedOutput, null, 0, Map.of());
        }
        int cached = reported.cachedTokens();
        int prompt = reported.promptTokens() != null ? reported.promptTokens() : estimatedInput + cached;
        int output = reported.completionTokens() != null ? reported.completionTokens() : estimatedOutput;
        return new Usage(Math.max(prompt - cached, 0), output, null, cached, Map.of());
    }
}
