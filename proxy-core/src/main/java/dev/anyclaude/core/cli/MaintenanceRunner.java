package dev.anyclaude.core.cli;

import dev.anyclaude.api.Maintenance;
import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.core.app.ProxyHome;
import dev.anyclaude.core.config.ConfigException;
import dev.anyclaude.core.config.ProxyConfig;
import dev.anyclaude.core.http.UpstreamClients;
import dev.anyclaude.core.json.ProtocolJson;
import dev.anyclaude.core.plugins.DefaultPluginContext;
import dev.anyclaude.core.plugins.PluginLoader;
import dev.anyclaude.core.plugins.ProxyMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a plugin's {@link Maintenance} action for a command: loads the config and plugins, prints the result. */
final class MaintenanceRunner {
    private MaintenanceRunner() {
    }

    /** @return the exit code: 0 done, 1 the action could not be done, 2 the config is unusable */
    static int run(ProxyOptions options, String name, String action) {
        ProxyConfig config;
        try {
            config = options.load();
        } catch (ConfigException e) {
            System.err.println("anyclaude: " + e.getMessage());
            return 2;
        }
        ProxyHome home = ProxyHome.current();
        List<Path> folders = new ArrayList<>(home.pluginFolders());
        folders.addAll(config.pluginDirs());
        try (PluginLoader loader = new PluginLoader(folders)) {
            loader.start();
            Maintenance maintenance = loader.maintenance().stream().filter(m -> m.name().equals(name)).findFirst()
                    .orElse(null);
            if (maintenance == null) {
                System.err.println("anyclaude: no loaded plugin offers '" + name + "' (anyclaude plugins lists them)");
                return 1;
            }
            UpstreamClient http = UpstreamClients.create("jdk");
            Map<String, Object> result = maintenance.run(action, new DefaultPluginContext(name,
                    config.blocks().getOrDefault(name, Map.of()), home.state(), http, new ProtocolJson(),
                    new ProxyMetrics()));
            result.forEach((label, value) -> System.out.println(label + ": " + value));
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("anyclaude: " + name + " " + action + ": " + e.getMessage());
            return 1;
        }
    }
}
