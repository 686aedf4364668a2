package dev.anyclaude.core.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.core.config.ProxyConfig;
import dev.anyclaude.core.http.UpstreamClients;
import dev.anyclaude.core.json.ProtocolJson;
import dev.anyclaude.core.plugins.BackendRegistry;
import dev.anyclaude.core.plugins.DefaultPluginContext;
import dev.anyclaude.core.plugins.InMemoryMetrics;
import dev.anyclaude.core.plugins.PluginLoader;
import dev.anyclaude.core.routing.MiddlewarePipeline;
import dev.anyclaude.core.routing.RouteResolver;
import dev.anyclaude.core.server.ProxyHandlers;
import dev.anyclaude.core.server.ProxyServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The composition root: how the proxy's parts are made from the config and the home folders. Nothing below it
 * sees Guice; every part takes plain constructor arguments.
 */
final class ProxyModule extends AbstractModule {
    private final ProxyConfig config;
    private final ProxyHome home;

    ProxyModule(ProxyConfig config, ProxyHome home) {
        this.config = config;
        this.home = home;
    }

    @Override
    protected void configure() {
        bind(ProxyConfig.class).toInstance(config);
        bind(ProxyHome.class).toInstance(home);
        bind(ProtocolJson.class).in(Singleton.class);
        bind(JsonCodec.class).to(ProtocolJson.class);
        bind(InMemoryMetrics.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    UpstreamClient upstreamClient(InMemoryMetrics metrics) {
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
        return new PluginLoader(folders);
    }

    @Provides
    @Singleton
    BackendRegistry backends(PluginLoader plugins, UpstreamClient http, ProtocolJson json, InMemoryMetrics metrics) {
        plugins.start();
        return BackendRegistry.create(config.backends(), plugins.backendFactories(),
                entry -> new DefaultPluginContext(entry.name(), entry.settings(), home.state(), http, json, metrics));
    }

    @Provides
    @Singleton
    ProxyServer server(BackendRegistry backends, ProtocolJson json, ExecutorService workers, InMemoryMetrics metrics,
                       PluginLoader plugins) {
        warnUnusedBlocks(plugins);
        RouteResolver routes = new RouteResolver(config.defaultBackend(), backends.names(),
                dev.anyclaude.core.routing.RouterConfigReader.read(config.blocks().get("router"), backends.names()));
        MiddlewarePipeline pipeline = new MiddlewarePipeline(List.of());
        ProxyHandlers handlers = ProxyHandlers.create(backends, routes, pipeline, json, workers,
                config.maxBodyBytes(), () -> health(backends), metrics, config.token());
        return new ProxyServer(config.host(), config.port(), config.maxBodyBytes(), handlers.root());
    }

    /** A top-level block no part reads is most likely a typo ({@code "cahce"}): say so instead of ignoring it. */
    private void warnUnusedBlocks(PluginLoader plugins) {
        java.util.Set<String> used = new java.util.TreeSet<>(List.of("router", "claude"));
        plugins.middlewareFactories().forEach(factory -> used.add(factory.name()));
        for (String key : config.blocks().keySet()) {
            if (!used.contains(key)) {
                org.slf4j.LoggerFactory.getLogger(ProxyModule.class).warn(
                        "config: top-level \"{}\" is read by nothing loaded (known: backend, backends, server, plugins, {}); ignored",
                        key, String.join(", ", used));
            }
        }
    }

    private static Map<String, Object> health(BackendRegistry backends) {
        Map<String, Object> each = new LinkedHashMap<>();
        for (String name : backends.names()) {
            var health = backends.get(name).orElseThrow().health();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", backends.typeOf(name));
            entry.put("status", health.status().name().toLowerCase(java.util.Locale.ROOT));
            if (!health.detail().isEmpty()) {
                entry.put("detail", health.detail());
            }
            each.put(name, entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("backends", each);
        return body;
    }
}
