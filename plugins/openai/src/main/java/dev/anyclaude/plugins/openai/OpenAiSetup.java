package dev.anyclaude.plugins.openai;

import dev.anyclaude.plugins.openai.translate.IdSource;
import dev.anyclaude.plugins.openai.translate.TranslationOptions;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import java.util.Objects;

/**
 * How a backend translates: the options for its server, the OpenAI codec and where ids come from. Plugins for
 * particular servers (mlx, LM Studio, Ollama, OpenRouter) make one with their own defaults.
 */
public record OpenAiSetup(TranslationOptions options, OpenAiJson json, IdSource ids) {
    public OpenAiSetup {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(ids, "ids");
    }
}
