package dev.anyclaude.plugins.cache;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.ehcache.Cache;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheEventListenerConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ExpiryPolicyBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.EntryUnit;
import org.ehcache.config.units.MemoryUnit;
import org.ehcache.core.internal.statistics.DefaultStatisticsService;
import org.ehcache.core.statistics.TierStatistics;
import org.ehcache.event.CacheEventListener;
import org.ehcache.event.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers, in Ehcache: a heap tier in front of a persistent disk tier, or the heap alone when the disk tier is
 * off or cannot be used. A disk tier that fails to open (unreadable, locked by another process, corrupt) or fails
 * later (corrupt records, a full disk) is dropped with one warning and the store goes on with a fresh heap tier,
 * so the proxy keeps serving; {@code anyclaude cache clear} or a restart brings the disk tier back.
 *
 * <p>Thread-safe. {@link #get} and {@link #put} never throw for a tier failure; after {@link #close()} they do
 * nothing (an answer that completes while the proxy shuts down is not stored).
 */
final class AnswerStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerStore.class);
    static final String CACHE = "answers";

    private final CacheConfig config;
    private final Path dir;
    private final Runnable onEviction;
    private volatile Tiers tiers;
    private volatile boolean closed;
    private ClusterTier cluster;

    /** One open Ehcache manager, its cache and its statistics. */
    private record Tiers(CacheManager manager, Cache<CacheKey, StoredAnswer> cache,
                         DefaultStatisticsService statistics, boolean persistent) {
    }

    private AnswerStore(CacheConfig config, Path dir, Runnable onEviction) {
        this.config = config;
        this.dir = dir;
        this.onEviction = onEviction;
    }

    /**
     * Opens the store: heap and disk when {@code diskMb > 0} and the folder can be used, else the heap alone.
     *
     * @param onEviction told of every answer evicted for lack of room (from any thread)
     */
    static AnswerStore open(CacheConfig config, Path dir, Runnable onEviction) {
        return open(config, dir, onEviction, null);
    }

    /**
     * Opens the store as {@link #open(CacheConfig, Path, Runnable)} does, with a clustered tier behind the local
     * ones when {@code clusterConfig} is not null; it connects in the background ({@link ClusterTier}).
     */
    static AnswerStore open(CacheConfig config, Path dir, Runnable onEviction, ClusterConfig clusterConfig) {
        AnswerStore store = new AnswerStore(config, dir, onEviction);
        if (clusterConfig != null) {
            store.cluster = ClusterTier.start(clusterConfig, Duration.ofSeconds(config.ttlSeconds()));
        }
        Tiers tiers = null;
        if (config.diskMb() > 0) {
            try {
                tiers = store.build(true);
            } catch (RuntimeException e) {
                LOG.warn("cache: the disk tier at {} cannot be used ({}); answers are kept in memory only until "
                        + "anyclaude restarts (anyclaude cache clear empties a damaged folder)", dir, reason(e));
            }
        }
        store.tiers = tiers != null ? tiers : store.build(false);
        return store;
    }

    /**
     * Opens heap and disk, for the command line: a disk tier that cannot be opened is an error here, not a
     * reason to fall back.
     *
     * @throws RuntimeException (Ehcache's) when the folder cannot be used, for example while a proxy holds it
     */
    static AnswerStore openPersistent(CacheConfig config, Path dir) {
        AnswerStore store = new AnswerStore(config, dir, () -> { });
        store.tiers = store.build(true);
        return store;
    }

    /** The answer stored under this key, or null. */
    StoredAnswer get(CacheKey key) {
        Tiers current = tiers;
        if (closed) {
            return null;
        }
        StoredAnswer local;
        try {
            local = current.cache().get(key);
        } catch (RuntimeException e) {
            dropDisk(current, e);
            local = null;
        }
        if (local != null || cluster == null) {
            return local;
        }
        StoredAnswer shared = cluster.get(key);
        if (shared != null) {
            put(current, key, shared); // the next hit on this proxy is local
        }
        return shared;
    }

    /**
     * The answer stored under this key in the local tiers (heap, then disk), or null; never asks the clustered tier,
     * so it never waits on the network (the fast path looks up here, on an IO thread).
     */
    StoredAnswer getLocal(CacheKey key) {
        Tiers current = tiers;
        if (closed) {
            return null;
        }
        try {
            return current.cache().get(key);
        } catch (RuntimeException e) {
            dropDisk(current, e);
            return null;
        }
    }

    /** True when a clustered tier is configured (connected or not): a local miss may still be a shared hit. */
    boolean clustered() {
        return cluster != null;
    }

    /** Stores an answer, in the clustered tier too when there is one; a failure to store is logged and dropped. */
    void put(CacheKey key, StoredAnswer answer) {
        Tiers current = tiers;
        if (closed) {
            return;
        }
        put(current, key, answer);
        if (cluster != null) {
            cluster.put(key, answer);
        }
    }

    /** True while a clustered tier is configured and connected. */
    boolean clusterConnected() {
        return cluster != null && cluster.connected();
    }

    private void put(Tiers current, CacheKey key, StoredAnswer answer) {
        try {
            current.cache().put(key, answer);
        } catch (RuntimeException e) {
            dropDisk(current, e);
        }
    }

    /** Removes every answer. */
    void clear() {
        Tiers current = tiers;
        if (closed) {
            return;
        }
        try {
            current.cache().clear();
        } catch (RuntimeException e) {
            dropDisk(current, e);
        }
    }

    /** True while the disk tier is in use. */
    boolean persistent() {
        return tiers.persistent();
    }

    /** Entries and bytes per tier ({@code OnHeap}, {@code Disk}); bytes are -1 where Ehcache does not count them. */
    Map<String, TierStatistics> tierStatistics() {
        return tiers.statistics().getCacheStatistics(CACHE).getTierStatistics();
    }

    /** How many answers are stored (the entries of the largest tier). */
    long entries() {
        return tierStatistics().values().stream().mapToLong(TierStatistics::getMappings).max().orElse(0);
    }

    /** Bytes the disk tier holds; 0 without one. */
    long diskBytes() {
        TierStatistics disk = tierStatistics().get("Disk");
        return disk == null ? 0 : Math.max(0, disk.getOccupiedByteSize());
    }

    /** Closes the tiers; a persistent disk tier is written out so it is there after a restart. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (cluster != null) {
                cluster.close();
            }
            tiers.manager().close();
        }
    }

    private synchronized void dropDisk(Tiers failed, RuntimeException e) {
        if (tiers != failed || closed) {
            return;
        }
        if (!failed.persistent()) {
            LOG.warn("cache: the heap tier failed ({}); the answer is served from the backend", reason(e));
            return;
        }
        LOG.warn("cache: the disk tier at {} failed ({}); answers are kept in memory only until anyclaude restarts",
                dir, reason(e));
        tiers = build(false);
        try {
            failed.manager().close();
        } catch (RuntimeException closing) {
            LOG.debug("cache: closing the failed disk tier: {}", closing.toString());
        }
    }

    private Tiers build(boolean withDisk) {
        ResourcePoolsBuilder pools = config.heapMb() != null
                ? ResourcePoolsBuilder.newResourcePoolsBuilder().heap(config.heapMb(), MemoryUnit.MB)
                : ResourcePoolsBuilder.newResourcePoolsBuilder().heap(config.heapEntries(), EntryUnit.ENTRIES);
        if (withDisk) {
            pools = pools.disk(config.diskMb(), MemoryUnit.MB, true);
        }
        CacheEventListener<CacheKey, StoredAnswer> evictions = event -> onEviction.run();
        CacheConfigurationBuilder<CacheKey, StoredAnswer> cache = CacheConfigurationBuilder
                .newCacheConfigurationBuilder(CacheKey.class, StoredAnswer.class, pools)
                .withExpiry(ExpiryPolicyBuilder.timeToLiveExpiration(Duration.ofSeconds(config.ttlSeconds())))
                .withKeySerializer(new CacheKeySerializer())
                .withValueSerializer(new StoredAnswerSerializer())
                .withResilienceStrategy(new TierFailure.Strategy())
                .withService(CacheEventListenerConfigurationBuilder
                        .newEventListenerConfiguration(evictions, EventType.EVICTED).unordered().asynchronous());
        DefaultStatisticsService statistics = new DefaultStatisticsService();
        CacheManagerBuilder<CacheManager> builder = CacheManagerBuilder.newCacheManagerBuilder().using(statistics)
                .withCache(CACHE, cache);
        CacheManager manager = withDisk
                ? builder.with(CacheManagerBuilder.persistence(dir.toFile())).build(true)
                : builder.build(true);
        return new Tiers(manager, manager.getCache(CACHE, CacheKey.class, StoredAnswer.class), statistics, withDisk);
    }

    /** The innermost cause's message, which says what is wrong with the folder. */
    static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
