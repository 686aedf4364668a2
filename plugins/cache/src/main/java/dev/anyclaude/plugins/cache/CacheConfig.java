package dev.anyclaude.plugins.cache;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The top-level {@code "cache"} block of {@code .anyclauderc.json}. Absent fields take the defaults below.
 *
 * @param heapEntries        heap tier size in answers (default 1000); ignored when {@code heapMb} is set
 * @param heapMb             heap tier size in MB, instead of entries
 * @param diskMb             disk tier size in MB (default 512); 0 turns the disk tier off
 * @param ttlSeconds         how long an answer is served after it was stored (default 86400, one day)
 * @param path               the disk tier's folder (default: the plugin's data folder,
 *                           {@code ~/.anyclaude/cache}); {@code ~} is the user's home
 * @param storeTruncated     also store answers that stopped at {@code max_tokens} (default false)
 * @param maxEntryMb         answers larger than this are relayed but not stored (default 8)
 * @param singleFlightWaitSeconds how long an identical request waits for the one in flight before it asks the
 *                           backend itself (default 300)
 */
public record CacheConfig(@JsonProperty("heapEntries") Long heapEntries,
                          @JsonProperty("heapMb") Long heapMb,
                          @JsonProperty("diskMb") Long diskMb,
                          @JsonProperty("ttlSeconds") Long ttlSeconds,
                          @JsonProperty("path") String path,
                          @JsonProperty("storeTruncated") Boolean storeTruncated,
                          @JsonProperty("maxEntryMb") Long maxEntryMb,
                          @JsonProperty("singleFlightWaitSeconds") Long singleFlightWaitSeconds) {

    public CacheConfig {
        heapEntries = positive("heapEntries", heapEntries, 1000L);
        heapMb = heapMb == null ? null : positive("heapMb", heapMb, null);
        diskMb = atLeastZero("diskMb", diskMb, 512L);
        ttlSeconds = positive("ttlSeconds", ttlSeconds, 86_400L);
        storeTruncated = storeTruncated != null && storeTruncated;
        maxEntryMb = positive("maxEntryMb", maxEntryMb, 8L);
        singleFlightWaitSeconds = positive("singleFlightWaitSeconds", singleFlightWaitSeconds, 300L);
        if (heapMb != null && diskMb > 0 && heapMb >= diskMb) {
            throw new IllegalArgumentException("heapMb: must be smaller than diskMb (the disk tier holds every answer "
                    + "the heap does)");
        }
    }

    /** The defaults. */
    public static CacheConfig defaults() {
        return new CacheConfig(null, null, null, null, null, null, null, null);
    }

    /** The largest answer stored, in bytes. */
    public long maxEntryBytes() {
        return maxEntryMb * 1024 * 1024;
    }

    private static Long positive(String field, Long value, Long fallback) {
        if (value == null) {
            return fallback;
        }
        if (value <= 0) {
            throw new IllegalArgumentException(field + ": must be a positive number");
        }
        return value;
    }

    private static Long atLeastZero(String field, Long value, Long fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 0) {
            throw new IllegalArgumentException(field + ": must be 0 or more");
        }
        return value;
    }
}
