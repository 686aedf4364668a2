package dev.anyclaude.plugins.openai;

import dev.anyclaude.plugins.openai.translate.IdSource;
import dev.anyclaude.plugins.openai.translate.TranslationOptions;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import java.util.Map;
import java.util.Objects;

/**
 * How a backend translates: the options for its server, the OpenAI codec and where ids come from. Plugins for
 * particular servers (mlx, LM Studio, Ollama, OpenRouter) make one with their own defaults.
 */
public record OpenAiSetup(TranslationOptions options, OpenAiJson json, IdSource ids) {
    /** Checks that nothing is null. */
    public OpenAiSetup {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(ids, "ids");
    }

    /**
     * A setup for real traffic (random ids) from a config's {@code translation} block.
     *
     * @param translation the block as read from config (see {@link TranslationOptions}); empty for the defaults
     * @throws IllegalArgumentException starting with {@code translation:} when an option is wrong
     */
    public static OpenAiSetup fromConfig(Map<String, Object> translation) {
        OpenAiJson json = new OpenAiJson();
        try {
            return new OpenAiSetup(json.mapper().convertValue(translation == null ? Map.of() : translation,
                    TranslationOptions.class), json, IdSource.random());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("translation: " + e.getMessage(), e);
        }
    }
}
