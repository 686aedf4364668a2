package dev.anyclaude.plugins.cache;

import org.ehcache.Cache;
import org.ehcache.spi.resilience.ResilienceStrategy;
import org.ehcache.spi.resilience.StoreAccessException;

/**
 * An Ehcache tier failed (a disk tier that is unreadable, corrupt or full). Ehcache's default strategy would log
 * and carry on against the broken tier; this one reports the failure to {@link AnswerStore}, which then drops the
 * tier and goes on with the heap alone.
 */
final class TierFailure extends RuntimeException {
    TierFailure(StoreAccessException cause) {
        super(cause.getCause() != null ? cause.getCause().toString() : cause.toString(), cause);
    }

    /** Turns every failure of a store into a {@link TierFailure} thrown to the caller. */
    static final class Strategy implements ResilienceStrategy<CacheKey, StoredAnswer> {
        @Override
        public StoredAnswer getFailure(CacheKey key, StoreAccessException e) {
            throw new TierFailure(e);
        }

        @Override
        public boolean containsKeyFailure(CacheKey key, StoreAccessException e) {
            throw new TierFailure(e);
        }

        @Override
        public void putFailure(CacheKey key, StoredAnswer value, StoreAccessException e) {
            throw new TierFailure(e);
        }

        @Override
        public void removeFailure(CacheKey key, StoreAccessException e) {
            throw new TierFailure(e);
        }

        @Override
        public void clearFailure(StoreAccessException e) {
            throw new TierFailure(e);
        }

        @Override
        public Cache.Entry<CacheKey, StoredAnswer> iteratorFailure(StoreAccessException e) {
            throw new TierFailure(e);
        }

        @Override
        public StoredAnswer putIfAbsentFailure(CacheKey key, StoredAnswer value, StoreAccessException e) {
            throw new TierFailure(e);
        }

        @Override
        public boolean removeFailure(CacheKey key, StoredAnswer value, StoreAccessException e) {
            throw new TierFailure(e);
        }

        @Override
        public StoredAnswer replaceFailure(CacheKey key, StoredAnswer value, StoreAccessException e) {
            throw new TierFailure(e);
        }

        @Override
        public boolean replaceFailure(CacheKey key, StoredAnswer value, StoredAnswer newValue,
                                      StoreAccessException e) {
            throw new TierFailure(e);
        }

        @Override
        public java.util.Map<CacheKey, StoredAnswer> getAllFailure(Iterable<? extends CacheKey> keys,
                                                                   StoreAccessException e) {
            throw new TierFailure(e);
        }

        @Override
        public void putAllFailure(java.util.Map<? extends CacheKey, ? extends StoredAnswer> entries,
                                  StoreAccessException e) {
            throw new TierFailure(e);
        }

        @Override
        public void removeAllFailure(Iterable<? extends CacheKey> keys, StoreAccessException e) {
            throw new TierFailure(e);
        }
    }
}
