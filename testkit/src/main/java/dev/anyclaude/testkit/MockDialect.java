package dev.anyclaude.testkit;

import java.util.Locale;

/**
 * How a mock server words the errors it makes up itself (unscripted path, body too large, a failing dispatcher),
 * so that each one answers in the error shape of the API it imitates.
 */
enum MockDialect {
    /** The Anthropic Messages API: {@link AnthropicFixtures#errorResponse(int, String)}. */
    ANTHROPIC,
    /** OpenAI Chat Completions: {@link OpenAiFixtures#errorResponse(int, String)}. */
    OPENAI;

    /** A complete error answer with {@code status} and {@code message} in this API's error shape. */
    FixedResponse error(int status, String message) {
        return switch (this) {
            case ANTHROPIC -> AnthropicFixtures.errorResponse(status, message);
            case OPENAI -> OpenAiFixtures.errorResponse(status, message);
        };
    }

    /** A short lower-case name, for thread names. */
    String shortName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
