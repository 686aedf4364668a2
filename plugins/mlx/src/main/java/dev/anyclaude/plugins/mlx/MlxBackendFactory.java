package dev.anyclaude.plugins.mlx;

import dev.anyclaude.api.Backend;
import dev.anyclaude.api.BackendFactory;
import dev.anyclaude.api.PluginContext;
import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.plugins.openai.OpenAiBackend;
import dev.anyclaude.plugins.openai.OpenAiConfig;
import dev.anyclaude.plugins.openai.OpenAiSetup;
import dev.anyclaude.plugins.openai.translate.IdSource;
import dev.anyclaude.plugins.openai.translate.TranslationOptions;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Backend type {@code mlx} (see {@link MlxConfig}): builds, without I/O, an {@link MlxBackend} around an
 * {@link OpenAiBackend} set up for mlx_lm.server.
 */
@Extension
public final class MlxBackendFactory implements BackendFactory {
    /**
     * What suits mlx_lm.server: images as a text placeholder (it rejects every non-text part), no
     * {@code reasoning_effort} (ignored there), usage in streams (it honours {@code include_usage}).
     */
    static final TranslationOptions TRANSLATION_OPTIONS = TranslationOptions.builder().images(false)
            .reasoningEffort(false).streamUsage(true).build();

    /** The name of the server's log file in the proxy's log folder. */
    public static final String LOG_FILE = "mlx-lm-server.log";

    @Override
    public String type() {
        return "mlx";
    }

    @Override
    public Backend create(PluginContext context) {
        MlxConfig config = context.config(MlxConfig.class);
        Backend openai = openAi(context.name(), config, context.http());
        ServerProbe probe = new ServerProbe(config.baseUrl(), config.port(), config.model());
        ServerLog log = new ServerLog(context.logDir().resolve(LOG_FILE));
        ServerSupervisor supervisor = new ServerSupervisor(context.name(),
                new ServerLauncher(context.name(), config, log, probe), Duration.ofMillis(500), Duration.ofSeconds(30),
                context.metrics().counter("anyclaude.mlx.restarts", "backend", context.name())::increment);
        return new MlxBackend(context.name(), config, openai, probe, supervisor);
    }

    /** The OpenAI backend that talks to the server: its model, key, timeout and sampling fields in every body. */
    static OpenAiBackend openAi(String name, MlxConfig config, UpstreamClient http) {
        OpenAiConfig openAiConfig = new OpenAiConfig(config.baseUrl(), config.apiKey(), null, config.model(),
                Map.of(), new Sampling(config).extraBody(), Map.of(), config.timeoutSeconds());
        return new OpenAiBackend(name, openAiConfig,
                new OpenAiSetup(TRANSLATION_OPTIONS, new OpenAiJson(), IdSource.random()), http,
                Optional.of(config.apiKey()));
    }
}
