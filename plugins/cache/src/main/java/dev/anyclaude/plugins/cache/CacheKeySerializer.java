package dev.anyclaude.plugins.cache;

import java.nio.ByteBuffer;
import org.ehcache.spi.serialization.Serializer;
import org.ehcache.spi.serialization.SerializerException;

/** Ehcache's form of a {@link CacheKey} in the disk and clustered tiers: its 32 digest bytes. Thread-safe. */
public final class CacheKeySerializer implements Serializer<CacheKey> {

    /** Ehcache creates serializers configured by class with this constructor. */
    public CacheKeySerializer(ClassLoader ignored) {
    }

    public CacheKeySerializer() {
    }

    @Override
    public ByteBuffer serialize(CacheKey key) {
        return ByteBuffer.wrap(key.digest());
    }

    @Override
    public CacheKey read(ByteBuffer binary) {
        if (binary.remaining() != CacheKey.LENGTH) {
            throw new SerializerException("a stored cache key has " + binary.remaining() + " bytes, not "
                    + CacheKey.LENGTH);
        }
        byte[] digest = new byte[CacheKey.LENGTH];
        binary.get(digest);
        return CacheKey.of(digest);
    }

    @Override
    public boolean equals(CacheKey key, ByteBuffer binary) {
        return binary.remaining() == CacheKey.LENGTH && key.equals(read(binary));
    }
}
