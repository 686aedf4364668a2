package dev.anyclaude.plugins.openai;

import dev.anyclaude.plugins.openai.translate.ErrorExplainer;
import dev.anyclaude.plugins.openai.translate.IdSource;
import dev.anyclaude.plugins.openai.translate.TranslationOptions;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import java.util.Map;
import java.util.Objects;

/**
 * How a backend translates: the options for its server, the OpenAI codec, where ids come from and how upstream
 * errors are worded. Plugins for particular servers (mlx, LM Studio, Ollama, OpenRouter) make one with their own
 * defaults.
 *
 * @param options   the translation options
 * @param json      the OpenAI codec
 * @param ids       message and tool-call ids
 * @param explainer the server's own wording of upstream errors ({@link ErrorExplainer#unchanged()} for none)
 */
public record OpenAiSetup(TranslationOptions options, OpenAiJson json, IdSource ids, ErrorExplainer explainer) {
    public OpenAiSetup {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(explainer, "explainer");
    }

    /** A setup that keeps the generic wording of upstream errors. */
    public OpenAiSetup(TranslationOptions options, OpenAiJson json, IdSource ids) {
        this(options, json, ids, ErrorExplainer.unchanged());
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
