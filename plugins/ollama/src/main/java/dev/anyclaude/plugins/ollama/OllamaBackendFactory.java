package dev.anyclaude.plugins.ollama;

import dev.anyclaude.api.Backend;
import dev.anyclaude.api.BackendFactory;
import dev.anyclaude.api.PluginContext;
import dev.anyclaude.plugins.anthropic.AnthropicBackend;
import dev.anyclaude.plugins.anthropic.AnthropicConfig;
import dev.anyclaude.plugins.anthropic.local.LocalServer;
import dev.anyclaude.plugins.anthropic.local.LocalServerBackend;
import dev.anyclaude.plugins.anthropic.local.LocalServerConfig;
import dev.anyclaude.plugins.openai.OpenAiBackend;
import dev.anyclaude.plugins.openai.OpenAiConfig;
import dev.anyclaude.plugins.openai.OpenAiSetup;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Backend type {@code ollama}: a local Ollama server ({@code http://127.0.0.1:11434} unless configured). Ollama
 * 0.14 and later speak the Anthropic Messages API at {@code /v1/messages}, used in the anthropic plugin's
 * compatible mode; older versions answer that route with 404 and are spoken to at {@code /v1/chat/completions}
 * through the openai plugin's translation (PF4J plugin dependencies on both). Models come from
 * {@code GET /api/tags}.
 */
@Extension
public final class OllamaBackendFactory implements BackendFactory {
    /** Where {@code ollama serve} listens by default. */
    public static final String DEFAULT_BASE_URL = "http://127.0.0.1:11434";

    @Override
    public String type() {
        return "ollama";
    }

    @Override
    public Backend create(PluginContext context) {
        LocalServerConfig config = context.config(LocalServerConfig.class);
        String baseUrl = config.baseUrlOr(DEFAULT_BASE_URL);
        AnthropicBackend anthropic = new AnthropicBackend(context.name(),
                AnthropicConfig.compatible(baseUrl, config.apiKey(), config.model(), config.compat()),
                context.http(), context.json(), name -> null);
        OpenAiBackend openAi = new OpenAiBackend(context.name(),
                new OpenAiConfig(baseUrl + "/v1", config.apiKey(), null, config.model(), null, null,
                        config.translation(), config.timeoutSeconds()),
                OpenAiSetup.fromConfig(config.translation()), context.http(),
                Optional.ofNullable(config.apiKey()).filter(k -> !k.isBlank()));
        OllamaModels models = new OllamaModels(context.name(), baseUrl, context.http(), context.json());
        LocalServer server = new LocalServer(context.name(), baseUrl,
                "Is Ollama running? Start it with `ollama serve` (or set \"baseUrl\" to where it listens).");
        return new LocalServerBackend(server, config.localApi(), anthropic, openAi, call -> models.list(),
                context.json());
    }
}
