package com.example.anyclaude.echo;

import dev.anyclaude.api.Backend;
import dev.anyclaude.api.BackendFactory;
import dev.anyclaude.api.PluginContext;
import org.pf4j.Extension;

/** Backend type {@code echo}: PF4J finds this class through {@code @Extension}; it creates one backend per entry. */
@Extension
public final class EchoBackendFactory implements BackendFactory {

    @Override
    public String type() {
        return "echo";
    }

    @Override
    public Backend create(PluginContext context) {
        // No I/O here: a backend opens connections, files or processes in start().
        EchoConfig config = context.config(EchoConfig.class);
        return new EchoBackend(config.prefix() == null ? "" : config.prefix());
    }
}
