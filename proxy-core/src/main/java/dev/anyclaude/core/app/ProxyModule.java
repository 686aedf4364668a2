package dev.anyclaude.core.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.core.config.ProxyConfig;
import dev.anyclaude.core.http.UpstreamClients;
import dev.anyclaude.core.json.ProtocolJson;
import dev.anyclaude.core.plugins.ProxyMetrics;
import dev.anyclaude.core.plugins.PluginLoader;
import dev.anyclaude.core.server.ReloadableHandler;
import dev.anyclaude.core.server.ProxyServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The composition root: how the proxy's parts are made from the config and the home folders. Nothing below it
 * sees Guice; every part takes plain constructor arguments.
 */
final class ProxyModule extends AbstractModule {
    private final ProxyConfig config;
    private final ProxyHome home;
    private final StartUpWork work;

    ProxyModule(ProxyConfig config, ProxyHome home, StartUpWork work) {
        this.config = config;
        this.home = home;
        this.work = work;
    }

    @Override
    protected void configure() {
        bind(ProxyConfig.class).toInstance(config);
        bind(ProxyHome.class).toInstance(home);
        bind(ProtocolJson.class).toInstance(work.jsonOrNew());
        bind(JsonCodec.class).to(ProtocolJson.class);
        bind(ProxyMetrics.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    UpstreamClient upstreamClient(ProxyMetrics metrics) {
        return new dev.anyclaude.core.plugins.MeteredUpstreamClient(UpstreamClients.create(config.httpClient()), metrics);
    }

    @Provides
    @Singleton
    ExecutorService workers() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("anyclaude-call-", 0).factory());
    }

    @Provides
    @Singleton
    PluginLoader pluginLoader() {
        List<Path> folders = new ArrayList<>(home.pluginFolders());
        folders.addAll(config.pluginDirs());
        return work.plugins(folders);
    }

    @Provides
    @Singleton
    RuntimeFactory runtimes(PluginLoader plugins, UpstreamClient http, ProtocolJson json, ProxyMetrics metrics,
                            ExecutorService workers) {
        plugins.start(); // a no-op for the plugins the start-up work loaded
        return new RuntimeFactory(plugins, http, json, metrics, workers, home);
    }

    @Provides
    @Singleton
    ReloadableHandler root() {
        return new ReloadableHandler(exchange -> exchange.setStatusCode(503).endExchange());
    }

    @Provides
    @Singleton
    ProxyServer server(ReloadableHandler root) {
        return new ProxyServer(config.host(), config.port(), config.maxBodyBytes(), config.maxHeaderBytes(), root);
    }
}
