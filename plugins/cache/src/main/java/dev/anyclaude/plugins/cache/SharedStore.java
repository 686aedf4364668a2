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
    private AnswerStore store;
    private int users;
    private volatile Runnable onEviction = () -> { };
    private final ConcurrentMap<CacheKey, CompletableFuture<StoredAnswer>> flights = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();

    private SharedStore(Path dir) {
        this.dir = dir;
    }

    /** The store of this folder, counted as used until {@link #release()}; nothing is opened yet. */
    static SharedStore acquire(Path dir, CacheConfig config, Runnable onEviction) {
        SharedStore shared = BY_FOLDER.computeIfAbsent(dir.toAbsolutePath().normalize(), SharedStore::new);
        synchronized (shared) {
            shared.users++;
            if (shared.store == null) {
                shared.config = config;
            } else if (!config.equals(shared.config)) {
                LOG.info("cache: new settings for {} take effect when anyclaude restarts", shared.dir);
            }
            shared.onEviction = onEviction;
        }
        return shared;
    }

    /** The open store, opened on first use. */
    synchronized AnswerStore store() {
        if (store == null) {
            store = AnswerStore.open(config, dir, () -> onEviction.run());
        }
        return store;
    }

    /** The answers on their way from a backend, by key: completed with the stored answer, or null if none. */
    ConcurrentMap<CacheKey, CompletableFuture<StoredAnswer>> flights() {
        return flights;
    }

    /** How many requests wait for an identical one in flight. */
    AtomicInteger waiting() {
        return waiting;
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
