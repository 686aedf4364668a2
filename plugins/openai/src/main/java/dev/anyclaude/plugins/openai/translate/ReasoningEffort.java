package dev.anyclaude.plugins.openai.translate;

import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.ThinkingConfig;
import java.util.Locale;

/**
 * Picks the OpenAI {@code reasoning_effort} for a request, one of {@code low}, {@code medium}, {@code high}
 * (the values every server that knows the field accepts).
 *
 * <ul>
 *   <li>{@code thinking: enabled} buckets the budget: below 4,000 tokens {@code low}, below 16,000
 *       {@code medium}, else {@code high} (Claude Code's 31,999 is {@code high}).</li>
 *   <li>{@code thinking: adaptive} uses {@code output_config.effort}, else {@code medium}.</li>
 *   <li>No thinking setting: {@code output_config.effort} if given, else nothing.</li>
 *   <li>{@code thinking: disabled}: nothing.</li>
 * </ul>
 * Effort {@code xhigh} and {@code max} become {@code high}; an unknown effort is ignored.
 */
final class ReasoningEffort {
    static final int LOW_BELOW = 4_000;
    static final int MEDIUM_BELOW = 16_000;

    private ReasoningEffort() {
    }

    /** The effort for this request, or null to send none. */
    static String of(MessagesRequest request) {
        String effort = request.outputConfig() == null ? null : normalise(request.outputConfig().effort());
        return switch (request.thinking()) {
            case ThinkingConfig.Enabled enabled -> bucket(enabled.budgetTokens());
            case ThinkingConfig.Adaptive adaptive -> effort != null ? effort : "medium";
            case ThinkingConfig.Disabled disabled -> null;
            case null -> effort;
        };
    }

    static String bucket(int budgetTokens) {
        if (budgetTokens < LOW_BELOW) {
            return "low";
        }
        return budgetTokens < MEDIUM_BELOW ? "medium" : "high";
    }

    private static String normalise(String effort) {
        if (effort == null) {
            return null;
        }
        return switch (effort.toLowerCase(Locale.ROOT)) {
            case "low", "minimal" -> "low";
            case "medium" -> "medium";
            case "high", "xhigh", "max" -> "high";
            default -> null;
        };
    }
}
