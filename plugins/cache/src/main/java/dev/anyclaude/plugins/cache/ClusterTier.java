package dev.anyclaude.plugins.cache;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ehcache.Cache;
import org.ehcache.PersistentCacheManager;
import org.ehcache.clustered.client.config.builders.ClusteredResourcePoolBuilder;
import org.ehcache.clustered.client.config.builders.ClusteringServiceConfigurationBuilder;
import org.ehcache.clustered.client.config.builders.TimeoutsBuilder;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ExpiryPolicyBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.MemoryUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clustered tier: answers shared by a team's proxies through a Terracotta server ({@link ClusterConfig}),
 * behind the local heap and disk tiers ({@link AnswerStore} asks it on a local miss and copies a hit down).
 * Ehcache cannot put a disk and a clustered tier in one cache, so this is a cache manager of its own.
 *
 * <p>It never holds a request up for long and never fails one: it connects in the background, starting when the
 * store opens; until it is connected, and whenever an operation fails or times out (the server went away), it
 * answers misses and drops writes, logs one warning, closes the broken connection and tries again every
 * {@code reconnectSeconds}. A server that comes back (restarted: its off-heap content is gone) is joined again and
 * the shared cache recreated on it, with one info line.
 *
 * <p>Thread-safe.
 */
final class ClusterTier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterTier.class);

    private final ClusterConfig config;
    private final Duration ttl;
    private final ScheduledExecutorService connector;
    private volatile Connection connection;
    private volatile boolean closed;
    private boolean warned;

    /** One open cluster connection. */
    private record Connection(PersistentCacheManager manager, Cache<CacheKey, StoredAnswer> cache) {
    }

    private ClusterTier(ClusterConfig config, Duration ttl) {
        this.config = config;
        this.ttl = ttl;
        ClassLoader plugin = ClusterTier.class.getClassLoader();
        this.connector = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "anyclaude-cache-cluster");
            thread.setDaemon(true);
            // The Terracotta client finds its connection service through the context class loader: the plugin's.
            thread.setContextClassLoader(plugin);
            return thread;
        });
    }

    /** A tier that starts connecting to the server now, in the background. */
    static ClusterTier start(ClusterConfig config, Duration ttl) {
        ClusterTier tier = new ClusterTier(config, ttl);
        tier.connector.execute(tier::connect);
        return tier;
    }

    /** True while connected to the server. */
    boolean connected() {
        return connection != null;
    }

    /** The shared answer under this key; null when there is none, or the tier is not connected or failed. */
    StoredAnswer get(CacheKey key) {
        Connection current = connection;
        if (current == null) {
            return null;
        }
        try {
            return current.cache().get(key);
        } catch (RuntimeException e) {
            lost(current, e);
            return null;
        }
    }

    /** Shares an answer; dropped when the tier is not connected or fails. */
    void put(CacheKey key, StoredAnswer answer) {
        Connection current = connection;
        if (current == null) {
            return;
        }
        try {
            current.cache().put(key, answer);
        } catch (RuntimeException e) {
            lost(current, e);
        }
    }

    /** Stops connecting and closes the connection; the shared answers stay on the server. */
    @Override
    public void close() {
        Connection last;
        synchronized (this) {
            closed = true;
            last = connection;
            connection = null;
        }
        connector.shutdownNow();
        if (last != null) {
            closeQuietly(last);
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        Connection opened;
        try {
            opened = open();
        } catch (RuntimeException e) {
            synchronized (this) {
                if (!warned) {
                    warned = true;
                    LOG.warn("cache: the clustered tier at {} is unreachable ({}); serving from the local tiers, "
                            + "trying again every {} s", config.uri(), AnswerStore.reason(e), config.reconnectSeconds());
                } else {
                    LOG.debug("cache: the clustered tier at {} is still unreachable: {}", config.uri(), AnswerStore.reason(e));
                }
            }
            retryLater();
            return;
        }
        synchronized (this) {
            if (closed) {
                closeQuietly(opened);
                return;
            }
            connection = opened;
            warned = false;
        }
        LOG.info("cache: the clustered tier at {} is connected; answers are shared with the proxies using it",
                config.uri());
    }

    private Connection open() {
        CacheConfigurationBuilder<CacheKey, StoredAnswer> shared = CacheConfigurationBuilder
                .newCacheConfigurationBuilder(CacheKey.class, StoredAnswer.class, ResourcePoolsBuilder
                        .newResourcePoolsBuilder()
                        .with(ClusteredResourcePoolBuilder.clusteredDedicated(config.resource(), config.sizeMb(),
                                MemoryUnit.MB)))
                .withExpiry(ExpiryPolicyBuilder.timeToLiveExpiration(ttl))
                .withKeySerializer(new CacheKeySerializer())
                .withValueSerializer(new StoredAnswerSerializer())
                .withResilienceStrategy(new TierFailure.Strategy());
        PersistentCacheManager manager = CacheManagerBuilder.newCacheManagerBuilder()
                .with(ClusteringServiceConfigurationBuilder.cluster(config.clusterUri())
                        .timeouts(TimeoutsBuilder.timeouts()
                                .connection(config.connectTimeout())
                                .read(config.operationTimeout())
                                .write(config.operationTimeout()))
                        .autoCreate(server -> server.defaultServerResource(config.resource())))
                .withCache(AnswerStore.CACHE, shared)
                .build(true);
        return new Connection(manager, manager.getCache(AnswerStore.CACHE, CacheKey.class, StoredAnswer.class));
    }

    /** An operation failed: the server is gone or too slow. Drop the connection (closed in the background), retry. */
    private void lost(Connection failed, RuntimeException e) {
        synchronized (this) {
            if (connection != failed || closed) {
                return;
            }
            connection = null;
            warned = true;
        }
        LOG.warn("cache: the clustered tier at {} failed ({}); serving from the local tiers, trying again every {} s",
                config.uri(), AnswerStore.reason(e), config.reconnectSeconds());
        // Closing a connection to a dead server can take as long as the client's own timeouts: not on the
        // connector's thread, which would hold the next connection attempt up.
        Thread closer = new Thread(() -> closeQuietly(failed), "anyclaude-cache-cluster-close");
        closer.setDaemon(true);
        closer.setContextClassLoader(ClusterTier.class.getClassLoader());
        closer.start();
        retryLater();
    }

    private void retryLater() {
        try {
            if (!closed) {
                connector.schedule(this::connect, config.reconnectSeconds(), TimeUnit.SECONDS);
            }
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            LOG.debug("cache: the clustered tier is closing; no reconnection");
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.manager().close();
        } catch (RuntimeException e) {
            // The server is gone; nothing is left to release on this side but what close() already dropped.
            LOG.debug("cache: closing a broken cluster connection: {}", e.toString());
        }
    }
}
