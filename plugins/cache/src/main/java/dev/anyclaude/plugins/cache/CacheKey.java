package dev.anyclaude.plugins.cache;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The identity of one cached answer: a SHA-256 digest over the tenant (a hash of the client's credential), the
 * backend entry, the upstream model, the {@code anthropic-beta} flags and the request in canonical form. How
 * the digest is computed is {@link CacheKeys}; docs/cache.md lists what is in it and what is left out.
 *
 * <p>Immutable, thread-safe, 32 bytes; equal keys have equal digests. It holds nothing that can be turned back
 * into the request or the credential.
 */
public final class CacheKey {
    /** The digest length in bytes (SHA-256). */
    public static final int LENGTH = 32;

    private final byte[] digest;
    private final int hash;

    private CacheKey(byte[] digest) {
        this.digest = digest;
        this.hash = Arrays.hashCode(digest);
    }

    /**
     * The key with this digest.
     *
     * @throws IllegalArgumentException when the digest is not {@value #LENGTH} bytes
     */
    public static CacheKey of(byte[] digest) {
        Objects.requireNonNull(digest, "digest");
        if (digest.length != LENGTH) {
            throw new IllegalArgumentException("a cache key is " + LENGTH + " bytes, not " + digest.length);
        }
        return new CacheKey(digest.clone());
    }

    /** A copy of the digest. */
    public byte[] digest() {
        return digest.clone();
    }

    /** The digest in lower-case hex (64 characters), as logged and as used by the clustered tier. */
    public String hex() {
        return HexFormat.of().formatHex(digest);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CacheKey key && Arrays.equals(digest, key.digest);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** The first 12 hex digits: enough to tell keys apart in a log. */
    @Override
    public String toString() {
        return "CacheKey[" + hex().substring(0, 12) + "]";
    }
}
