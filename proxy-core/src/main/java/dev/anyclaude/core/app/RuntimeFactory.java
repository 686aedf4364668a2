package dev.anyclaude.core.app;

import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.core.config.ProxyConfig;
import dev.anyclaude.core.json.ProtocolJson;
import dev.anyclaude.core.plugins.BackendRegistry;
import dev.anyclaude.core.reliability.BackendHttp;
import dev.anyclaude.core.reliability.BackendPolicy;
import dev.anyclaude.core.reliability.GuardedBackend;
import dev.anyclaude.core.plugins.DefaultPluginContext;
import dev.anyclaude.core.plugins.ProxyMetrics;
import dev.anyclaude.core.plugins.PluginLoader;
import dev.anyclaude.core.routing.MiddlewareAssembler;
import dev.anyclaude.core.routing.RouteResolver;
import dev.anyclaude.core.routing.RouterConfigReader;
import dev.anyclaude.core.server.ProxyHandlers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds a {@link ProxyRuntime} from a config with the parts that live as long as the process. */
final class RuntimeFactory {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeFactory.class);

    private final PluginLoader plugins;
    private final UpstreamClient http;
    private final ProtocolJson json;
    private final ProxyMetrics metrics;
    /** {@code -Danyclaude.fastPath=false} answers every call on the blocking path (for comparison and diagnosis). */
    private static final boolean FAST_PATH = !"false".equalsIgnoreCase(System.getProperty("anyclaude.fastPath"));
    /** Upstream connections of the server's own IO threads, shared by every config generation. */
    private final dev.anyclaude.core.http.IoThreadClient ioThreadClient = new dev.anyclaude.core.http.IoThreadClient();
    private final ExecutorService workers;
    private final ProxyHome home;
    /** Outlives reloads, so the dashboard keeps showing the requests served by earlier configs. */
    private final dev.anyclaude.core.observe.RecentRequests recent = new dev.anyclaude.core.observe.RecentRequests(200);
    private final java.time.Instant started = java.time.Instant.now();

    RuntimeFactory(PluginLoader plugins, UpstreamClient http, ProtocolJson json, ProxyMetrics metrics,
                   ExecutorService workers, ProxyHome home) {
        this.plugins = plugins;
        this.http = http;
        this.json = json;
        this.metrics = metrics;
        this.workers = workers;
        this.home = home;
    }

    /**
     * The backends and handler tree of this config; the backends are created but not started.
     *
     * @throws dev.anyclaude.core.config.ConfigException when the config names an unknown backend type, a plugin
     *                                                   rejects its block, or a routing rule is wrong
     */
    ProxyRuntime build(ProxyConfig config) {
        warnUnusedBlocks(config);
        BackendRegistry backends = BackendRegistry.create(config.backends(), plugins.backendFactories(),
                entry -> new DefaultPluginContext(entry.name(), entry.settings(), home.state(),
                        new BackendHttp(entry.name(), policy(entry), http), json, metrics),
                (entry, backend) -> new GuardedBackend(entry.name(), policy(entry), backend, metrics));
        try {
            RouteResolver routes = new RouteResolver(config.defaultBackend(), backends.names(),
                    RouterConfigReader.read(config.blocks().get("router"), backends.names()));
            MiddlewareAssembler.Assembly middleware = MiddlewareAssembler.assemble(plugins.middlewareFactories(),
                    config.blocks(), config.backends(),
                    (name, block) -> new DefaultPluginContext(name, block, home.state(), http, json, metrics));
            dev.anyclaude.core.observe.PriceTable prices = dev.anyclaude.core.observe.PriceTable.of(config.backends());
            ProxyHandlers handlers = ProxyHandlers.create(backends, routes, middleware::pipeline, json,
                    workers, config.maxBodyBytes(), () -> health(backends), metrics, config.token(), metrics::scrape,
                    dev.anyclaude.core.observe.RequestObserver.all(List.of(recent,
                            new dev.anyclaude.core.observe.CostMeter(prices, metrics))),
                    FAST_PATH ? java.util.Optional.of(ioThreadClient) : java.util.Optional.empty());
            var dashboard = new dev.anyclaude.core.dashboard.DashboardState(config, backends, metrics, recent, prices, started);
            return new ProxyRuntime(config, backends, middleware.instances(), new dev.anyclaude.core.dashboard.DashboardHandler(
                    handlers.root(), dashboard::snapshot, json, workers, config.token()));
        } catch (RuntimeException e) {
            backends.close();
            throw e;
        }
    }

    private static BackendPolicy policy(dev.anyclaude.core.config.BackendEntry entry) {
        return BackendPolicy.read(entry.type(), entry.settings());
    }

    /**
     * A top-level block no part reads is most likely a typo ({@code "cahce"}): say so instead of ignoring it; one
     * that says {@code "required": true} (as {@code --replay} writes) fails the start instead.
     */
    private void warnUnusedBlocks(ProxyConfig config) {
        java.util.Set<String> used = new java.util.TreeSet<>(List.of("router", "claude"));
        plugins.middlewareFactories().forEach(factory -> used.add(factory.name()));
        for (String key : config.blocks().keySet()) {
            if (!used.contains(key) && Boolean.TRUE.equals(config.blocks().get(key).get("required"))) {
                throw new dev.anyclaude.core.config.ConfigException(key + ": required, but no loaded plugin provides "
                        + "the \"" + key + "\" middleware (loaded: " + String.join(", ", used) + ")");
            }
            if (!used.contains(key)) {
                LOG.warn("config: top-level \"{}\" is read by nothing loaded (known: backend, backends, server, plugins, {}); ignored",
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
