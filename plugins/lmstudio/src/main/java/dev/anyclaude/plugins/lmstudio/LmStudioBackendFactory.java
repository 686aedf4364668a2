package dev.anyclaude.plugins.lmstudio;

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
 * Backend type {@code lmstudio}: LM Studio's local server ({@code http://127.0.0.1:1234} unless configured).
 * LM Studio 0.4.1 and later speak the Anthropic Messages API at {@code /v1/messages}, used in the anthropic
 * plugin's compatible mode; older versions lack that route and are spoken to at {@code /v1/chat/completions}
 * through the openai plugin's translation (PF4J plugin dependencies on both). Models come from
 * {@code GET /v1/models}.
 */
@Extension
public final class LmStudioBackendFactory implements BackendFactory {
    /** Where {@code lms server start} listens by default. */
    public static final String DEFAULT_BASE_URL = "http://127.0.0.1:1234";

    @Override
    public String type() {
        return "lmstudio";
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
        LocalServer server = new LocalServer(context.name(), baseUrl,
                "Is LM Studio's server running? Start it with `lms server start` (or in the app's Developer tab), "
                        + "or set \"baseUrl\" to where it listens.");
        return new LocalServerBackend(server, config.localApi(), anthropic, openAi, openAi::models,
                context.json());
    }
}
