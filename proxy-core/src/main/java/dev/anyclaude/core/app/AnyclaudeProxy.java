package dev.anyclaude.core.app;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.core.config.ProxyConfig;
import dev.anyclaude.core.plugins.BackendRegistry;
import dev.anyclaude.core.plugins.PluginLoader;
import dev.anyclaude.core.server.ProxyServer;
import java.util.concurrent.ExecutorService;

/**
 * A running proxy: plugins loaded, backends started, listener bound. {@link #close()} stops it all in reverse
 * order.
 *
 * <pre>{@code
 * try (AnyclaudeProxy proxy = AnyclaudeProxy.start(config, ProxyHome.current())) {
 *     System.out.println(proxy.url());
 * }
 * }</pre>
 */
public final class AnyclaudeProxy implements AutoCloseable {
    private final Injector injector;
    private final ProxyServer server;

    private AnyclaudeProxy(Injector injector) {
        this.injector = injector;
        this.server = injector.getInstance(ProxyServer.class);
    }

    /**
     * Loads plugins, creates and starts the backends, and binds the listener.
     *
     * @throws dev.anyclaude.core.config.ConfigException when the config names an unknown backend type or a plugin
     *                                                   rejects its block
     */
    public static AnyclaudeProxy start(ProxyConfig config, ProxyHome home) {
        Injector injector = Guice.createInjector(new ProxyModule(config, home));
        AnyclaudeProxy proxy;
        try {
            proxy = new AnyclaudeProxy(injector);
        } catch (com.google.inject.ProvisionException e) {
            injector.getInstance(PluginLoader.class).close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        try {
            proxy.injector.getInstance(BackendRegistry.class).start();
            proxy.server.start();
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
        return proxy;
    }

    /** {@code http://host:port} of the listener. */
    public String url() {
        return server.url();
    }

    /** The bound port. */
    public int port() {
        return server.port();
    }

    /** The proxy's metrics ({@code anyclaude.request.duration}, {@code anyclaude.upstream.wait}, plugins' own). */
    public dev.anyclaude.core.plugins.InMemoryMetrics metrics() {
        return injector.getInstance(dev.anyclaude.core.plugins.InMemoryMetrics.class);
    }

    /** The configured backends, for diagnostics. */
    public BackendRegistry backends() {
        return injector.getInstance(BackendRegistry.class);
    }

    /** The loaded plugins, for diagnostics. */
    public PluginLoader plugins() {
        return injector.getInstance(PluginLoader.class);
    }

    @Override
    public void close() {
        server.close();
        injector.getInstance(BackendRegistry.class).close();
        injector.getInstance(PluginLoader.class).close();
        injector.getInstance(ExecutorService.class).shutdownNow();
        if (injector.getInstance(UpstreamClient.class) instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(AnyclaudeProxy.class).warn("upstream client did not close cleanly", e);
            }
        }
    }
}
