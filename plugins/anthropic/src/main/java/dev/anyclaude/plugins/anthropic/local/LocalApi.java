package dev.anyclaude.plugins.anthropic.local;

import java.util.Locale;

/**
 * Which API a local server is spoken to in: its native Anthropic endpoint, its OpenAI endpoint (through the
 * openai plugin's translation), or whichever it turns out to offer.
 */
public enum LocalApi {
    /** Try {@code /v1/messages}; fall back to OpenAI once, and for good, if the server lacks it. */
    AUTO,
    /** Always {@code /v1/messages}, in the Anthropic-compatible mode. */
    ANTHROPIC,
    /** Always {@code /v1/chat/completions}, translated. */
    OPENAI;

    /**
     * Reads a config value: {@code "anthropic"}, {@code "openai"}, or {@code "auto"} / null for detection.
     *
     * @throws IllegalArgumentException naming the field {@code api} for anything else
     */
    public static LocalApi of(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "anthropic" -> ANTHROPIC;
            case "openai" -> OPENAI;
            default -> throw new IllegalArgumentException("api: must be \"anthropic\", \"openai\" or \"auto\"");
        };
    }
}
