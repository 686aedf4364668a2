package dev.anyclaude.plugins.cache;

import dev.anyclaude.api.Metrics;

/**
 * The cache's metrics, with stable names (Prometheus: dots become underscores, counters end in {@code _total}):
 * <ul>
 *   <li>{@code anyclaude.cache.hits}, {@code .misses}, {@code .bypasses} (tag {@code backend}): lookups by outcome;</li>
 *   <li>{@code anyclaude.cache.hit.bytes}: answer bytes served from the cache;</li>
 *   <li>{@code anyclaude.cache.stores}, {@code anyclaude.cache.stored.bytes}: answers stored and their size;</li>
 *   <li>{@code anyclaude.cache.evictions}: answers dropped for lack of room (expiry is not counted);</li>
 *   <li>gauges {@code anyclaude.cache.entries}, {@code anyclaude.cache.disk.bytes} and {@code anyclaude.cache.waiting}
 *       (requests waiting for an identical one in flight), registered by the factory.</li>
 * </ul>
 */
final class CacheCounters {
    private final Metrics metrics;
    private final Metrics.Counter hitBytes;
    private final Metrics.Counter stores;
    private final Metrics.Counter storedBytes;

    CacheCounters(Metrics metrics) {
        this.metrics = metrics;
        this.hitBytes = metrics.counter("anyclaude.cache.hit.bytes");
        this.stores = metrics.counter("anyclaude.cache.stores");
        this.storedBytes = metrics.counter("anyclaude.cache.stored.bytes");
    }

    void hit(String backend, int bytes) {
        metrics.counter("anyclaude.cache.hits", "backend", backend).increment();
        hitBytes.increment(bytes);
    }

    void miss(String backend) {
        metrics.counter("anyclaude.cache.misses", "backend", backend).increment();
    }

    void bypass(String backend) {
        metrics.counter("anyclaude.cache.bypasses", "backend", backend).increment();
    }

    void stored(int bytes) {
        stores.increment();
        storedBytes.increment(bytes);
    }

    /** Counts one eviction; called from Ehcache's event thread. */
    static Runnable evictions(Metrics metrics) {
        Metrics.Counter evictions = metrics.counter("anyclaude.cache.evictions");
        return evictions::increment;
    }
}
