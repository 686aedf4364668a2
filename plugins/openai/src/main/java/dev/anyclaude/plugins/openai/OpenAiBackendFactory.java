package dev.anyclaude.plugins.openai;

import dev.anyclaude.api.Backend;
import dev.anyclaude.api.BackendFactory;
import dev.anyclaude.api.PluginContext;
import dev.anyclaude.plugins.openai.translate.IdSource;
import dev.anyclaude.plugins.openai.translate.TranslationOptions;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import java.util.Optional;
import org.pf4j.Extension;

/** Backend type {@code openai}: any OpenAI-compatible server, by config alone (see {@link OpenAiConfig}). */
@Extension
public final class OpenAiBackendFactory implements BackendFactory {
    @Override
    public String type() {
        return "openai";
    }

    @Override
    public Backend create(PluginContext context) {
        OpenAiConfig config = context.config(OpenAiConfig.class);
        OpenAiJson json = new OpenAiJson();
        TranslationOptions options;
        try {
            options = json.mapper().convertValue(config.translation(), TranslationOptions.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("translation: " + e.getMessage(), e);
        }
        Optional<String> key = Optional.ofNullable(config.apiKey()).filter(k -> !k.isBlank())
                .or(() -> Optional.ofNullable(config.apiKeyEnv()).map(System::getenv).filter(k -> !k.isBlank()));
        return new OpenAiBackend(context.name(), config, new OpenAiSetup(options, json, IdSource.random()),
                context.http(), key);
    }
}
