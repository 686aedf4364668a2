package dev.anyclaude.core.cli;

import dev.anyclaude.core.app.AnyclaudeProxy;
import dev.anyclaude.core.app.ProxyHome;
import dev.anyclaude.core.config.ConfigException;
import dev.anyclaude.core.config.ConfigLoader;
import dev.anyclaude.core.config.ProxyConfig;
import dev.anyclaude.core.json.ProtocolJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code anyclaude serve}: runs the proxy until the process is stopped. Prints {@code anyclaude listening on URL}
 * on standard output once it serves. Flags and this line are a stable interface other tools rely on.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Runs the proxy in the foreground until stopped (Ctrl-C).")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file (default: ./.anyclauderc.json, else ~/.anyclauderc.json).")
    Path configFile;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to bind (default: 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to bind; 0 picks a free one (default: 8082).")
    Integer port;

    @Option(names = "--plugins-dir", paramLabel = "DIR", description = "Another folder of plugin JARs (repeatable).")
    List<Path> pluginDirs = List.of();

    @Option(names = "--mode", paramLabel = "BACKEND", description = "The backend to use (overrides \"backend\" in the config).")
    String mode;

    @Override
    public Integer call() throws InterruptedException {
        ProxyConfig config;
        try {
            config = new ConfigLoader(new ProtocolJson().mapper()).load(Optional.ofNullable(configFile),
                    Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")));
        } catch (ConfigException e) {
            System.err.println("anyclaude: " + e.getMessage());
            return 2;
        }
        config = config.withListener(host != null ? host : config.host(), port != null ? port : config.port());
        for (Path dir : pluginDirs) {
            config = config.withPluginDir(dir);
        }
        if (mode != null) {
            config = config.withDefaultBackend(mode);
        }
        AnyclaudeProxy proxy;
        try {
            proxy = AnyclaudeProxy.start(config, ProxyHome.current());
        } catch (ConfigException e) {
            System.err.println("anyclaude: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("anyclaude: could not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxy.close();
            stopped.countDown();
        }, "anyclaude-shutdown"));
        System.out.println("anyclaude listening on " + proxy.url());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
