package dev.anyclaude.core.cli;

import dev.anyclaude.core.config.ConfigLoader;
import dev.anyclaude.core.config.ProxyConfig;
import dev.anyclaude.core.json.ProtocolJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command that runs a proxy shares: config file, plugin folders, backend. */
final class ProxyOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file (default: ./.anyclauderc.json, else ~/.anyclauderc.json).")
    Path configFile;

    @Option(names = "--plugins-dir", paramLabel = "DIR", description = "Another folder of plugin JARs (repeatable).")
    List<Path> pluginDirs = List.of();

    @Option(names = "--debug", description = "Also log request bodies (secrets redacted) to ~/.anyclaude/logs/anyclaude.log.")
    boolean debug;

    @Option(names = "--mode", paramLabel = "BACKEND",
            description = "The backend to use (overrides \"backend\" in the config), for example mlx or claude.")
    String mode;

    @Option(names = "--record", paramLabel = "DIR",
            description = "Record every exchange of the session into DIR: one readable JSON file each, secrets masked.")
    Path recordDir;

    @Option(names = "--replay", paramLabel = "DIR",
            description = "Answer only from the recording in DIR, never from a backend; an unrecorded request fails.")
    Path replayDir;

    /**
     * Reloads the proxy whenever its config file changes; a config that cannot be used is reported and the running
     * one stays. Returns null when the config has no file.
     */
    dev.anyclaude.core.app.ConfigWatcher watch(dev.anyclaude.core.app.AnyclaudeProxy proxy) {
        if (proxy.config().source().isEmpty()) {
            return null;
        }
        try {
            return dev.anyclaude.core.app.ConfigWatcher.watch(proxy.config().source().get(), () -> {
                try {
                    proxy.reload(load());
                } catch (dev.anyclaude.core.config.ConfigException e) {
                    org.slf4j.LoggerFactory.getLogger(ProxyOptions.class).warn("config not reloaded, still serving the "
                            + "previous one: {}", e.in(proxy.config().source()).getMessage());
                }
            });
        } catch (java.io.IOException e) {
            org.slf4j.LoggerFactory.getLogger(ProxyOptions.class).warn("config changes will not be picked up: {}", e.toString());
            return null;
        }
    }

    /**
     * The config these options select.
     *
     * @throws dev.anyclaude.core.config.ConfigException when the file is unusable
     */
    ProxyConfig load() {
        return load(new ProtocolJson());
    }

    /**
     * The config these options select, read with {@code json} (a command's start-up work's, which the proxy then
     * takes too).
     *
     * @throws dev.anyclaude.core.config.ConfigException when the file is unusable
     */
    ProxyConfig load(ProtocolJson json) {
        ProxyConfig config = new ConfigLoader(json.mapper()).load(Optional.ofNullable(configFile),
                Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")));
        for (Path dir : pluginDirs) {
            config = config.withPluginDir(dir);
        }
        String backend = mode != null ? mode : System.getenv("ANYCLAUDE_MODE");
        config = backend == null || backend.isBlank() ? config : config.withDefaultBackend(backend);
        return withRecording(config);
    }

    /**
     * Turns on the {@code record} middleware (plugins/cache) for {@code --record} or {@code --replay}; it is
     * {@code required}, so the proxy refuses to start without the plugin rather than reach a backend in a replay.
     */
    private ProxyConfig withRecording(ProxyConfig config) {
        if (recordDir != null && replayDir != null) {
            throw new dev.anyclaude.core.config.ConfigException("--record and --replay cannot be used together");
        }
        if (recordDir == null && replayDir == null) {
            return config;
        }
        String mode = recordDir != null ? "record" : "replay";
        Path dir = (recordDir != null ? recordDir : replayDir).toAbsolutePath().normalize();
        return config.withBlock("record", java.util.Map.of("mode", mode, "dir", dir.toString(), "required", true));
    }
}
