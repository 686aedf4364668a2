package dev.anyclaude.core.cli;

import dev.anyclaude.core.app.AnyclaudeProxy;
import dev.anyclaude.core.app.ProxyHome;
import dev.anyclaude.core.app.StartUpWork;
import dev.anyclaude.core.config.ConfigException;
import dev.anyclaude.core.config.ProxyConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code anyclaude serve}: runs the proxy until the process is stopped. Prints {@code anyclaude listening on URL}
 * on standard output once it serves. Flags and this line are a stable interface other tools rely on.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Runs the proxy in the foreground until stopped (Ctrl-C).")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    ProxyOptions options;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to bind (default: 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to bind; 0 picks a free one (default: 8082).")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        ProxyHome home = ProxyHome.current();
        StartUpWork work = StartUpWork.begin(home, options.pluginDirs);
        ProxyConfig config;
        try {
            config = options.load(work.json());
        } catch (ConfigException e) {
            System.err.println("anyclaude: " + e.getMessage());
            return 2;
        }
        config = config.withListener(host != null ? host : config.host(), port != null ? port : config.port());
        AnyclaudeProxy proxy;
        try {
            proxy = AnyclaudeProxy.start(config, home, work);
        } catch (ConfigException e) {
            System.err.println("anyclaude: " + e.in(config.source()).getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("anyclaude: could not start: " + e.getMessage());
            return 1;
        }
        var watcher = options.watch(proxy);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (watcher != null) {
                watcher.close();
            }
            proxy.shutdown(java.time.Duration.ofSeconds(30));
            stopped.countDown();
        }, "anyclaude-shutdown"));
        System.out.println("anyclaude listening on " + proxy.url());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
