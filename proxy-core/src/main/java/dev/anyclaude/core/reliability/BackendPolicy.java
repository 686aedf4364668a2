package dev.anyclaude.core.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the proxy enforces around one backend, whatever its plugin: timeouts, retries before the first byte, a
 * concurrency limit with a queue, and which headers may leave for it. Read from the backend's own config block:
 *
 * <pre>{@code
 * "gpu-box": {"type": "openai", "baseUrl": "...",
 *             "timeouts": {"connectMs": 5000, "firstByteMs": 120000, "idleMs": 60000, "totalMs": 900000},
 *             "retries": {"max": 2, "baseDelayMs": 250, "maxDelayMs": 4000, "maxRetryAfterMs": 30000},
 *             "maxConcurrent": 4, "maxQueued": 32, "queueTimeoutMs": 60000,
 *             "outboundHeaders": ["content-type", "accept", "authorization"]}
 * }</pre>
 *
 * @param connect           how long opening a connection may take
 * @param firstByte         how long the upstream may take to send its status line and headers; empty keeps the
 *                          plugin's own (openai's {@code timeoutSeconds}, else 10 minutes)
 * @param idle              how long an answer may go silent between two reads
 * @param total             how long one call may take from start to last byte; empty for no limit
 * @param retries           retries of a call that failed before its first byte reached the client
 * @param maxConcurrent     calls in flight to this backend at once; 0 for no limit
 * @param maxQueued         calls that wait for a slot when all are taken; beyond that 529 at once
 * @param queueTimeout      how long a call waits for a slot before 529
 * @param outboundHeaders   when present, only these header names (lower case) go to the upstream
 * @param clientCredentials whether the client's own {@code x-api-key} / {@code authorization} may reach the
 *                          upstream: only the Anthropic passthrough, which forwards them on purpose
 */
public record BackendPolicy(Duration connect, Optional<Duration> firstByte, Duration idle, Optional<Duration> total,
                            Retries retries, int maxConcurrent, int maxQueued, Duration queueTimeout,
                            Optional<Set<String>> outboundHeaders, boolean clientCredentials) {

    public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_QUEUED = 100;
    public static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Retries before the first byte.
     *
     * @param max             retries after the first attempt; 0 turns them off
     * @param baseDelay       the first backoff; each next one doubles, with full jitter
     * @param maxDelay        the longest backoff
     * @param maxRetryAfter   the longest {@code retry-after} honoured; a longer one is answered to the client at once
     */
    public record Retries(int max, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {
        public static final Retries NONE = new Retries(0, Duration.ofMillis(250), Duration.ofSeconds(4),
                Duration.ofSeconds(30));
    }

    /**
     * Reads the policy of a backend block.
     *
     * @param type     the entry's plugin type; only {@code anthropic}/{@code claude} in passthrough mode may
     *                 receive the client's credentials
     * @param settings the whole block
     * @throws IllegalArgumentException {@code field: problem} when a value is wrong (never echoing it)
     */
    public static BackendPolicy read(String type, Map<String, Object> settings) {
        boolean passthrough = (type.equals("anthropic") || type.equals("claude"))
                && String.valueOf(settings.getOrDefault("mode", "passthrough")).trim().toLowerCase(Locale.ROOT)
                .equals("passthrough");
        Map<String, Object> timeouts = object(settings, "timeouts");
        Map<String, Object> retries = object(settings, "retries");
        Retries retry = new Retries(
                (int) number(retries, "retries.max", 0, 0, 10),
                millis(retries, "retries.baseDelayMs", Retries.NONE.baseDelay(), 1),
                millis(retries, "retries.maxDelayMs", Retries.NONE.maxDelay(), 1),
                millis(retries, "retries.maxRetryAfterMs", Retries.NONE.maxRetryAfter(), 0));
        long totalMs = number(timeouts, "timeouts.totalMs", 0, 0, Integer.MAX_VALUE);
        long firstByteMs = number(timeouts, "timeouts.firstByteMs", 0, 0, Integer.MAX_VALUE);
        return new BackendPolicy(
                millis(timeouts, "timeouts.connectMs", DEFAULT_CONNECT, 1),
                firstByteMs == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(firstByteMs)),
                millis(timeouts, "timeouts.idleMs", DEFAULT_IDLE, 1),
                totalMs == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(totalMs)),
                retry,
                (int) number(settings, "maxConcurrent", 0, 0, 100_000),
                (int) number(settings, "maxQueued", DEFAULT_MAX_QUEUED, 0, 1_000_000),
                millis(settings, "queueTimeoutMs", DEFAULT_QUEUE_TIMEOUT, 0),
                headerList(settings.get("outboundHeaders")),
                passthrough);
    }

    private static Map<String, Object> object(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(key + ": must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        return typed;
    }

    private static long number(Map<String, Object> block, String field, long fallback, long min, long max) {
        Object value = block.get(field.substring(field.lastIndexOf('.') + 1));
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min
                || ((Number) value).longValue() > max) {
            throw new IllegalArgumentException(field + ": must be an integer from " + min + " to " + max);
        }
        return ((Number) value).longValue();
    }

    private static Duration millis(Map<String, Object> block, String field, Duration fallback, long min) {
        long value = number(block, field, -1, min, Integer.MAX_VALUE);
        return value < 0 ? fallback : Duration.ofMillis(value);
    }

    private static Optional<Set<String>> headerList(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof List<?> list) || list.stream().anyMatch(item -> !(item instanceof String))) {
            throw new IllegalArgumentException("outboundHeaders: must be an array of header names");
        }
        Set<String> names = new TreeSet<>();
        list.forEach(item -> names.add(((String) item).trim().toLowerCase(Locale.ROOT)));
        return Optional.of(Set.copyOf(names));
    }
}
