package dev.anyclaude.core.plugins;

import dev.anyclaude.api.BackendFactory;
import dev.anyclaude.api.MiddlewareFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads every PF4J plugin JAR found in the plugin folders (the installation's {@code plugins/},
 * {@code ~/.anyclaude/plugins/}, {@code --plugins-dir}) and hands out their extensions. Folders that do not exist
 * are skipped. Plugin-api, Jackson and SLF4J come from the application class loader, so types are shared.
 */
public final class PluginLoader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);

    private final List<Path> folders;
    private final PluginManager manager;
    private boolean started;

    public PluginLoader(List<Path> folders) {
        this.folders = existing(folders);
        this.manager = new DefaultPluginManager(this.folders);
    }

    /** The folders this loader would search for {@code folders}: those that exist, absolute, each once. */
    public static List<Path> existing(List<Path> folders) {
        LinkedHashSet<Path> existing = new LinkedHashSet<>();
        for (Path folder : folders) {
            if (Files.isDirectory(folder)) {
                existing.add(folder.toAbsolutePath().normalize());
            }
        }
        return List.copyOf(existing);
    }

    /** Loads and starts all plugins, once (a loader already started stays as it is); a plugin that fails is logged and left out. */
    public void start() {
        if (started) {
            return;
        }
        started = true;
        manager.loadPlugins();
        manager.startPlugins();
        for (PluginWrapper plugin : manager.getPlugins()) {
            if (plugin.getPluginState() == PluginState.STARTED) {
                LOG.info("plugin {} {} loaded from {}", plugin.getPluginId(), plugin.getDescriptor().getVersion(),
                        plugin.getPluginPath());
            } else {
                LOG.warn("plugin {} from {} is {}: {}", plugin.getPluginId(), plugin.getPluginPath(),
                        plugin.getPluginState(), plugin.getFailedException() == null ? "" : plugin.getFailedException().toString());
            }
        }
    }

    /**
     * Reads the plugins' extension indexes and loads the classes of their backends and middleware, without making any:
     * PF4J keeps what it read, so the first {@link #backendFactories()} and {@link #middlewareFactories()} only
     * instantiate. For loading ahead of the first use, on another thread.
     */
    public void findExtensions() {
        manager.getExtensionClasses(BackendFactory.class);
        manager.getExtensionClasses(MiddlewareFactory.class);
    }

    /** The folders searched, existing ones only. */
    public List<Path> folders() {
        return folders;
    }

    /** Every backend type contributed by the loaded plugins. */
    public List<BackendFactory> backendFactories() {
        return manager.getExtensions(BackendFactory.class);
    }

    /** Every middleware contributed by the loaded plugins. */
    public List<MiddlewareFactory> middlewareFactories() {
        return manager.getExtensions(MiddlewareFactory.class);
    }

    /** Every command-line housekeeping action contributed by the loaded plugins. */
    public List<dev.anyclaude.api.Maintenance> maintenance() {
        return manager.getExtensions(dev.anyclaude.api.Maintenance.class);
    }

    /** The loaded plugins, for diagnostics. */
    public List<PluginWrapper> plugins() {
        return manager.getPlugins();
    }

    @Override
    public void close() {
        // PF4J's stopPlugins() iterates the list that stopPlugin() shrinks; stop each from a copy instead.
        for (PluginWrapper plugin : List.copyOf(manager.getStartedPlugins())) {
            manager.stopPlugin(plugin.getPluginId());
        }
        manager.unloadPlugins();
    }
}
