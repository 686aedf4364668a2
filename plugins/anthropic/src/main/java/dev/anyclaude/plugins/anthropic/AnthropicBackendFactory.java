package dev.anyclaude.plugins.anthropic;

import dev.anyclaude.api.Backend;
import dev.anyclaude.api.BackendFactory;
import dev.anyclaude.api.PluginContext;
import java.util.Set;
import org.pf4j.Extension;

/** Backend type {@code anthropic} (alias {@code claude}): the Anthropic API or any server that speaks it. */
@Extension
public final class AnthropicBackendFactory implements BackendFactory {
    @Override
    public String type() {
        return "anthropic";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("claude");
    }

    @Override
    public Backend create(PluginContext context) {
        return new AnthropicBackend(context.name(), context.config(AnthropicConfig.class), context.http(),
                context.json(), System::getenv);
    }
}
