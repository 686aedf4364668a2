package dev.anyclaude.core.cli;

import dev.anyclaude.api.BackendFactory;
import dev.anyclaude.api.MiddlewareFactory;
import dev.anyclaude.core.app.ProxyHome;
import dev.anyclaude.core.config.ConfigException;
import dev.anyclaude.core.config.ProxyConfig;
import dev.anyclaude.core.plugins.PluginLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pf4j.PluginWrapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code anyclaude plugins}: the plugins found in the plugin folders, with what they contribute. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "Lists the loaded plugins: id, version, state, what they add, and where they came from.")
final class PluginsCommand implements Callable<Integer> {

    @Mixin
    ProxyOptions options;

    @Override
    public Integer call() {
        ProxyConfig config;
        try {
            config = options.load();
        } catch (ConfigException e) {
            System.err.println("anyclaude: " + e.getMessage());
            return 2;
        }
        List<Path> folders = new ArrayList<>(ProxyHome.current().pluginFolders());
        folders.addAll(config.pluginDirs());
        try (PluginLoader loader = new PluginLoader(folders)) {
            loader.start();
            System.out.println("plugin folders: " + (loader.folders().isEmpty() ? "(none exist)" : loader.folders()));
            System.out.printf("%-14s %-16s %-9s %-40s %s%n", "ID", "VERSION", "STATE", "ADDS", "FILE");
            for (PluginWrapper plugin : loader.plugins()) {
                List<String> adds = new ArrayList<>();
                for (BackendFactory factory : loader.backendFactories()) {
                    if (owner(loader, factory) == plugin) {
                        adds.add("backend " + factory.type() + (factory.aliases().isEmpty() ? "" : " " + factory.aliases()));
                    }
                }
                for (MiddlewareFactory factory : loader.middlewareFactories()) {
                    if (owner(loader, factory) == plugin) {
                        adds.add("middleware " + factory.name());
                    }
                }
                System.out.printf("%-14s %-16s %-9s %-40s %s%n", plugin.getPluginId(), plugin.getDescriptor().getVersion(),
                        plugin.getPluginState(), String.join(", ", adds), plugin.getPluginPath());
            }
        }
        return 0;
    }

    private static PluginWrapper owner(PluginLoader loader, Object extension) {
        return loader.plugins().stream()
                .filter(plugin -> plugin.getPluginClassLoader() == extension.getClass().getClassLoader())
                .findFirst().orElse(null);
    }
}
