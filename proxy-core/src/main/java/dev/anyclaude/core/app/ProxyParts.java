package dev.anyclaude.core.app;

import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.core.config.ProxyConfig;
import dev.anyclaude.core.http.UpstreamClients;
import dev.anyclaude.core.json.ProtocolJson;
import dev.anyclaude.core.plugins.MeteredUpstreamClient;
import dev.anyclaude.core.plugins.PluginLoader;
import dev.anyclaude.core.plugins.ProxyMetrics;
import dev.anyclaude.core.server.ProxyServer;
import dev.anyclaude.core.server.ReloadableHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The composition root: the parts that live as long as the proxy, made from the config and the home folders, each
 * once, by plain constructor calls. (It was a Guice module; building its injector loaded Guice and Guava, about 570
 * classes, and took about 100 ms of every start for eight objects: docs/benchmarks.md "Start-up".)
 */
final class ProxyParts {
    final ProxyMetrics metrics = new ProxyMetrics();
    final ProtocolJson json = new ProtocolJson();
    /** Answers 503 until the first runtime's handler is set. */
    final ReloadableHandler root = new ReloadableHandler(exchange -> exchange.setStatusCode(503).endExchange());
    final ProxyServer server;
    final PluginLoader plugins;
    final UpstreamClient http;
    final ExecutorService workers;
    final RuntimeFactory runtimes;

    /** Makes the parts and starts the plugins; on failure closes what it made and rethrows. */
    ProxyParts(ProxyConfig config, ProxyHome home) {
        server = new ProxyServer(config.host(), config.port(), config.maxBodyBytes(), config.maxHeaderBytes(), root);
        List<Path> folders = new ArrayList<>(home.pluginFolders());
        folders.addAll(config.pluginDirs());
        plugins = new PluginLoader(folders);
        workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("anyclaude-call-", 0).factory());
        UpstreamClient client = null;
        try {
            client = new MeteredUpstreamClient(UpstreamClients.create(config.httpClient()), metrics);
            plugins.start();
        } catch (RuntimeException e) {
            plugins.close();
            workers.shutdownNow();
            closeQuietly(client);
            throw e;
        }
        http = client;
        runtimes = new RuntimeFactory(plugins, http, json, metrics, workers, home);
    }

    static void closeQuietly(UpstreamClient client) {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(ProxyParts.class).warn("upstream client did not close cleanly", e);
            }
        }
    }
}
