package dev.anyclaude.core.app;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.core.config.ProxyConfig;
import dev.anyclaude.core.plugins.BackendRegistry;
import dev.anyclaude.core.plugins.ProxyMetrics;
import dev.anyclaude.core.plugins.PluginLoader;
import dev.anyclaude.core.server.ProxyServer;
import dev.anyclaude.core.server.ReloadableHandler;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running proxy: plugins loaded, backends started, listener bound. {@link #reload(ProxyConfig)} swaps in a new
 * configuration of backends and routes without dropping a request in flight. {@link #close()} stops it all.
 *
 * <pre>{@code
 * try (AnyclaudeProxy proxy = AnyclaudeProxy.start(config, ProxyHome.current())) {
 *     System.out.println(proxy.url());
 * }
 * }</pre>
 */
public final class AnyclaudeProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnyclaudeProxy.class);

    private final Injector injector;
    private final ProxyServer server;
    private final ReloadableHandler root;
    private final RuntimeFactory runtimes;
    private final AtomicReference<ProxyRuntime> current = new AtomicReference<>();

    private AnyclaudeProxy(Injector injector) {
        this.injector = injector;
        this.server = injector.getInstance(ProxyServer.class);
        this.root = injector.getInstance(ReloadableHandler.class);
        this.runtimes = injector.getInstance(RuntimeFactory.class);
    }

    /**
     * Loads plugins, creates and starts the backends, and binds the listener.
     *
     * @throws dev.anyclaude.core.config.ConfigException when the config names an unknown backend type or a plugin
     *                                                   rejects its block
     */
    public static AnyclaudeProxy start(ProxyConfig config, ProxyHome home) {
        return start(config, home, StartUpWork.none());
    }

    /**
     * As {@link #start(ProxyConfig, ProxyHome)}, taking what {@code work} made ahead: its JSON codec, and the plugins
     * it loaded when they are those of this config's folders.
     */
    public static AnyclaudeProxy start(ProxyConfig config, ProxyHome home, StartUpWork work) {
        try {
            requireTokenOffLoopback(config);
        } catch (RuntimeException e) {
            work.discard();
            throw e;
        }
        Injector injector = Guice.createInjector(new ProxyModule(config, home, work));
        AnyclaudeProxy proxy;
        try {
            proxy = new AnyclaudeProxy(injector);
        } catch (com.google.inject.ProvisionException e) {
            injector.getInstance(PluginLoader.class).close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        try {
            ProxyRuntime runtime = proxy.runtimes.build(config);
            proxy.current.set(runtime);
            runtime.start();
            proxy.root.set(runtime.handler());
            proxy.server.start();
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
        return proxy;
    }

    /**
     * Serves {@code fresh}'s backends, default backend and routing rules from now on. Requests in flight finish on
     * the old backends, which are closed after the last one. Settings that need a restart (listener, limits, HTTP
     * client, plugin folders, token) keep their running values, with a warning when they changed.
     *
     * @throws dev.anyclaude.core.config.ConfigException when the new config cannot be used; the running one stays
     */
    public void reload(ProxyConfig fresh) {
        ProxyConfig running = current.get().config();
        warnIfChanged("server.host", running.host(), fresh.host());
        warnIfChanged("server.port", running.port(), fresh.port());
        warnIfChanged("server.maxBodyBytes", running.maxBodyBytes(), fresh.maxBodyBytes());
        warnIfChanged("server.httpClient", running.httpClient(), fresh.httpClient());
        warnIfChanged("plugins.dirs", running.pluginDirs(), fresh.pluginDirs());
        ProxyConfig merged = new ProxyConfig(running.source(), fresh.defaultBackend(), running.host(), running.port(),
                running.maxBodyBytes(), running.httpClient(), running.pluginDirs(), fresh.backends(), fresh.blocks(),
                running.token(), running.maxHeaderBytes());
        ProxyRuntime next = runtimes.build(merged);
        try {
            next.start();
        } catch (RuntimeException e) {
            next.close();
            throw e;
        }
        ProxyRuntime previous = current.getAndSet(next);
        root.set(next.handler());
        previous.retire();
        LOG.info("config reloaded: default backend {}, backends {}", merged.defaultBackend(), next.backends().names());
    }

    /**
     * On any address but loopback, anyone who can reach the port could spend the user's backends and keys: such a
     * proxy serves only clients that know its token.
     */
    private static void requireTokenOffLoopback(ProxyConfig config) {
        boolean loopback;
        try {
            loopback = java.net.InetAddress.getByName(config.host()).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            throw new dev.anyclaude.core.config.ConfigException("server.host: unknown host '" + config.host() + "'");
        }
        if (!loopback && config.token().isEmpty()) {
            throw new dev.anyclaude.core.config.ConfigException("server.host: " + config.host() + " is reachable from other "
                    + "machines; set server.token too (clients then send it as x-anyclaude-token), or bind 127.0.0.1");
        }
    }

    private static void warnIfChanged(String field, Object running, Object fresh) {
        if (!Objects.equals(running, fresh)) {
            LOG.warn("config: {} changed; it takes effect at the next start", field);
        }
    }

    /** {@code http://host:port} of the listener. */
    public String url() {
        return server.url();
    }

    /** The bound port. */
    public int port() {
        return server.port();
    }

    /** The configuration being served. */
    public ProxyConfig config() {
        return current.get().config();
    }

    /** The proxy's metrics ({@code anyclaude.request.duration}, {@code anyclaude.upstream.wait}, plugins' own). */
    public ProxyMetrics metrics() {
        return injector.getInstance(ProxyMetrics.class);
    }

    /** The configured backends, for diagnostics. */
    public BackendRegistry backends() {
        return current.get().backends();
    }

    /** The loaded plugins, for diagnostics. */
    public PluginLoader plugins() {
        return injector.getInstance(PluginLoader.class);
    }

    /**
     * Stops accepting requests, lets those in flight (a long stream, say) finish for up to {@code deadline}, then
     * stops everything as {@link #close()} does.
     */
    public void shutdown(java.time.Duration deadline) {
        server.close(deadline);
        close();
    }

    @Override
    public void close() {
        server.close();
        ProxyRuntime runtime = current.getAndSet(null);
        if (runtime != null) {
            runtime.close();
        }
        injector.getInstance(PluginLoader.class).close();
        injector.getInstance(ExecutorService.class).shutdownNow();
        if (injector.getInstance(UpstreamClient.class) instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("upstream client did not close cleanly", e);
            }
        }
    }
}
