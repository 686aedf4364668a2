package dev.anyclaude.plugins.openrouter;

import dev.anyclaude.api.Backend;
import dev.anyclaude.api.BackendFactory;
import dev.anyclaude.api.PluginContext;
import dev.anyclaude.plugins.openai.OpenAiBackend;
import dev.anyclaude.plugins.openai.OpenAiConfig;
import dev.anyclaude.plugins.openai.OpenAiSetup;
import dev.anyclaude.plugins.openai.translate.IdSource;
import dev.anyclaude.plugins.openai.translate.TranslationOptions;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.pf4j.Extension;

/**
 * Backend type {@code openrouter}: OpenRouter through the {@code openai} plugin's translation (a PF4J plugin
 * dependency), with OpenRouter's attribution headers, routing and reasoning fields ({@link OpenRouterConfig}) and
 * errors explained in OpenRouter's terms ({@link OpenRouterErrors}).
 */
@Extension
public final class OpenRouterBackendFactory implements BackendFactory {
    private final UnaryOperator<String> environment;

    /** The factory PF4J makes: the key's variable is read from the process environment. */
    public OpenRouterBackendFactory() {
        this(System::getenv);
    }

    /** @param environment looks up an environment variable, null when unset (tests pass a map's {@code get}) */
    OpenRouterBackendFactory(UnaryOperator<String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public String type() {
        return "openrouter";
    }

    @Override
    public Backend create(PluginContext context) {
        OpenRouterConfig config = context.config(OpenRouterConfig.class);
        OpenAiConfig openai = UpstreamShape.toOpenAi(config);
        OpenAiJson json = new OpenAiJson();
        TranslationOptions options;
        try {
            options = json.mapper().convertValue(openai.translation(), TranslationOptions.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("translation: " + e.getMessage(), e);
        }
        Optional<String> key = key(config);
        OpenAiSetup setup = new OpenAiSetup(options, json, IdSource.random(),
                new OpenRouterErrors(config.apiKeyEnv(), key.isPresent()));
        return new OpenAiBackend(context.name(), openai, setup, context.http(), key);
    }

    /** The key: {@code apiKey} from the config, else the variable {@code apiKeyEnv} names. */
    Optional<String> key(OpenRouterConfig config) {
        return Optional.ofNullable(config.apiKey()).map(String::strip).filter(k -> !k.isEmpty())
                .or(() -> Optional.ofNullable(environment.apply(config.apiKeyEnv())).map(String::strip)
                        .filter(k -> !k.isEmpty()));
    }
}
