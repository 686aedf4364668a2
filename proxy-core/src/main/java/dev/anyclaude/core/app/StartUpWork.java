package dev.anyclaude.core.app;

import dev.anyclaude.core.json.ProtocolJson;
import dev.anyclaude.core.plugins.PluginLoader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The work of a command's start that does not need the config, begun on daemon threads while the main thread reads
 * the config, so the second core does it in parallel (docs/benchmarks.md "Start-up"), and the JSON codec the config
 * is read with, which the proxy then takes instead of making its own.
 *
 * <ul>
 *   <li>The plugins of the folders known before the config is read (the installation's, the user's,
 *       {@code --plugins-dir}): opened, their extensions found and their plugins started. The proxy takes them when
 *       its config asks for exactly those folders, which it does unless the config file adds {@code plugins.dirs};
 *       otherwise, or when loading them here failed, it loads its plugins itself, as without this work.</li>
 *   <li>The JVM's platform MBean server: XNIO registers its providers and workers there when the listener and the
 *       upstream client are made, and making it (every platform MXBean, and the diagnostic commands' descriptions,
 *       which load JFR's command classes and parse its configurations) takes 100-300 ms. Whichever thread comes
 *       second waits for the first to finish it.</li>
 * </ul>
 */
public final class StartUpWork {
    private final CompletableFuture<PluginLoader> plugins;
    private ProtocolJson json;
    private boolean pluginsTaken;

    private StartUpWork(CompletableFuture<PluginLoader> plugins) {
        this.plugins = plugins;
    }

    /** No work begun ahead: the proxy makes its JSON codec and loads its plugins itself. */
    public static StartUpWork none() {
        return new StartUpWork(null);
    }

    /**
     * Begins the work for a proxy that will run in {@code home} with {@code pluginDirs} (from the command line) besides
     * its home's plugin folders. Call once, before the config is read.
     */
    public static StartUpWork begin(ProxyHome home, List<Path> pluginDirs) {
        Thread.ofPlatform().name("anyclaude-start-up").daemon().start(ManagementFactory::getPlatformMBeanServer);
        List<Path> folders = new ArrayList<>(home.pluginFolders());
        folders.addAll(pluginDirs);
        CompletableFuture<PluginLoader> plugins = new CompletableFuture<>();
        Thread.ofPlatform().name("anyclaude-plugins").daemon().start(() -> plugins.complete(loadOrNull(folders)));
        return new StartUpWork(plugins);
    }

    /**
     * The folders' plugins, loaded and started; null when that failed in any way (the proxy then loads them itself
     * and fails as it would have without this work). Never throws: the proxy waits for the answer.
     */
    private static PluginLoader loadOrNull(List<Path> folders) {
        PluginLoader loader = null;
        try {
            loader = new PluginLoader(folders);
            loader.start();
            loader.findExtensions();
            return loader;
        } catch (Throwable e) {
            if (loader != null) {
                try {
                    loader.close();
                } catch (Throwable ignored) {
                    // Already failing; the proxy loads its plugins itself.
                }
            }
            return null;
        }
    }

    /** The JSON codec for the config and the proxy, made on first use. Main thread only. */
    public ProtocolJson json() {
        if (json == null) {
            json = new ProtocolJson();
        }
        return json;
    }

    /** This work's JSON codec if it made one, else a new one. */
    ProtocolJson jsonOrNew() {
        return json != null ? json : new ProtocolJson();
    }

    /**
     * A loader of the plugins in {@code folders}: the one loaded ahead if it loaded exactly these folders (already
     * started), else a new one (not started yet). Taken once; later calls get new loaders.
     */
    PluginLoader plugins(List<Path> folders) {
        PluginLoader ahead = take();
        if (ahead != null && ahead.folders().equals(PluginLoader.existing(folders))) {
            return ahead;
        }
        if (ahead != null) {
            ahead.close();
        }
        return new PluginLoader(folders);
    }

    /** Closes the plugins loaded ahead unless a proxy took them (its start failed before it needed them). */
    void discard() {
        PluginLoader ahead = take();
        if (ahead != null) {
            ahead.close();
        }
    }

    private PluginLoader take() {
        if (plugins == null || pluginsTaken) {
            return null;
        }
        pluginsTaken = true;
        return plugins.join();
    }
}
