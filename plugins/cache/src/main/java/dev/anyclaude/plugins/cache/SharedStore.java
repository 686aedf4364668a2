package dev.anyclaude.plugins.cache;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link AnswerStore} of a cache folder in this process, and the requests in flight for it (single
 * flight), shared by the middleware instances that use it.
 *
 * <p>Why process-wide state: Ehcache locks a persistence folder for one cache manager per process, and a config
 * reload creates the next middleware while the previous one still serves its last requests; both must use the
 * same open store. PF4J creates a new factory for each lookup, so no plugin object outlives a reload. The store
 * opens on first use and closes when its last user releases it; the settings it opened with stay until then
 * (a changed size or TTL takes effect at restart).
 *
 * <p>Thread-safe.
 */
final class SharedStore {
    private static final Logger LOG = LoggerFactory.getLogger(SharedStore.class);
    private static final ConcurrentMap<Path, SharedStore> BY_FOLDER = new ConcurrentHashMap<>();

    private final Path dir;
    private CacheConfig config;
    private ClusterConfig cluster;
    private volatile AnswerStore store;
    private int users;
    private volatile Runnable onEviction = () -> { };
    private final ConcurrentMap<CacheKey, CompletableFuture<StoredAnswer>> flights = new ConcurrentHashMap<>();
    private final ConcurrentMap<CacheKey, CompletableFuture<StoredAnswer>> storing = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();

    private SharedStore(Path dir) {
        this.dir = dir;
    }

    /** The store of this folder, counted as used until {@link #release()}; nothing is opened yet. */
    static SharedStore acquire(Path dir, CacheConfig config, Runnable onEviction) {
        return acquire(dir, config, null, onEviction);
    }

    /** As {@link #acquire(Path, CacheConfig, Runnable)}, with a clustered tier when {@code cluster} is not null. */
    static SharedStore acquire(Path dir, CacheConfig config, ClusterConfig cluster, Runnable onEviction) {
        SharedStore shared = BY_FOLDER.computeIfAbsent(dir.toAbsolutePath().normalize(), SharedStore::new);
        synchronized (shared) {
            shared.users++;
            if (shared.store == null) {
                shared.config = config;
                shared.cluster = cluster;
            } else if (!config.equals(shared.config) || !java.util.Objects.equals(cluster, shared.cluster)) {
                LOG.info("cache: new settings for {} take effect when anyclaude restarts", shared.dir);
            }
            shared.onEviction = onEviction;
        }
        return shared;
    }

    /** The open store, opened on first use. */
    synchronized AnswerStore store() {
        if (store == null) {
            store = AnswerStore.open(config, dir, () -> onEviction.run(), cluster);
        }
        return store;
    }

    /**
     * The open store, or null while it is not open yet (opening reads the disk tier: not on an IO thread). Takes no
     * lock, so an IO thread never waits behind a metrics scrape that reads the store's statistics.
     */
    AnswerStore storeIfOpen() {
        return store;
    }

    /**
     * Answers that came whole from a backend on the fast path and are being checked and stored off the IO thread,
     * by key: completed with the stored answer (or null if it is not stored) once it is in the store. A lookup waits
     * for one, so a client that has an answer finds it stored, as on the blocking path.
     */
    ConcurrentMap<CacheKey, CompletableFuture<StoredAnswer>> storing() {
        return storing;
    }

    /** The answers on their way from a backend, by key: completed with the stored answer, or null if none. */
    ConcurrentMap<CacheKey, CompletableFuture<StoredAnswer>> flights() {
        return flights;
    }

    /** How many requests wait for an identical one in flight. */
    AtomicInteger waiting() {
        return waiting;
    }

    /** 1 while the clustered tier is connected, else 0 (also without one, or while closed). */
    synchronized int clusterConnected() {
        return store != null && store.clusterConnected() ? 1 : 0;
    }

    /** How many answers are stored; 0 while closed. */
    synchronized long entries() {
        return store == null ? 0 : store.entries();
    }

    /** Bytes on disk; 0 while closed or without a disk tier. */
    synchronized long diskBytes() {
        return store == null ? 0 : store.diskBytes();
    }

    /** One user less; the last one closes the store (writing the disk tier out). */
    synchronized void release() {
        if (--users == 0 && store != null) {
            store.close();
            store = null;
        }
    }
}
