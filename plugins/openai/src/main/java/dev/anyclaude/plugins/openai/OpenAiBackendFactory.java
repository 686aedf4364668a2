package dev.anyclaude.plugins.openai;

import dev.anyclaude.api.Backend;
import dev.anyclaude.api.BackendFactory;
import dev.anyclaude.api.PluginContext;
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
        Optional<String> key = Optional.ofNullable(config.apiKey()).filter(k -> !k.isBlank())
                .or(() -> Optional.ofNullable(config.apiKeyEnv()).map(System::getenv).filter(k -> !k.isBlank()));
        return new OpenAiBackend(context.name(), config, OpenAiSetup.fromConfig(config.translation()),
                context.http(), key);
    }
}
