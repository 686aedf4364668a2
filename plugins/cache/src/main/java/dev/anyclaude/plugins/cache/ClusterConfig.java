package dev.anyclaude.plugins.cache;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.time.Duration;

/**
 * The optional {@code "cluster"} object of the {@code "cache"} block: a clustered tier on a Terracotta server that a
 * team's proxies share. Absent fields take the defaults below. Every proxy that names the same {@code uri} must
 * use the same {@code resource} and {@code sizeMb} (the server keeps one configuration per cache and refuses a
 * client that asks for another), and should use the same cache {@code ttlSeconds} (each client applies expiry).
 *
 * @param uri                     {@code terracotta://host:port/entity}; the entity names the shared cache manager
 * @param resource                the server's off-heap resource to take the space from (default {@code main},
 *                                the kit's default)
 * @param sizeMb                  the space the shared answers get on the server (default 256)
 * @param connectTimeoutSeconds   how long one connection attempt may take (default 5)
 * @param operationTimeoutSeconds how long one read or write may take before the tier counts as down (default 2)
 * @param reconnectSeconds        how long to wait between connection attempts while the server is down (default 30)
 */
public record ClusterConfig(@JsonProperty("uri") String uri,
                            @JsonProperty("resource") String resource,
                            @JsonProperty("sizeMb") Long sizeMb,
                            @JsonProperty("connectTimeoutSeconds") Long connectTimeoutSeconds,
                            @JsonProperty("operationTimeoutSeconds") Long operationTimeoutSeconds,
                            @JsonProperty("reconnectSeconds") Long reconnectSeconds) {

    /**
     * Checks the fields and fills the defaults.
     *
     * @throws IllegalArgumentException naming the field ({@code cluster.uri: ...}) when one is wrong
     */
    public ClusterConfig {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("cluster.uri: missing; for example terracotta://127.0.0.1:9410/anyclaude");
        }
        URI parsed;
        try {
            parsed = URI.create(uri.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cluster.uri: not a URI: " + e.getMessage(), e);
        }
        if (!"terracotta".equals(parsed.getScheme()) || parsed.getHost() == null
                || parsed.getPath() == null || parsed.getPath().length() < 2) {
            throw new IllegalArgumentException("cluster.uri: must look like terracotta://host:port/entity");
        }
        uri = uri.strip();
        resource = resource == null || resource.isBlank() ? "main" : resource.strip();
        sizeMb = positive("sizeMb", sizeMb, 256L);
        connectTimeoutSeconds = positive("connectTimeoutSeconds", connectTimeoutSeconds, 5L);
        operationTimeoutSeconds = positive("operationTimeoutSeconds", operationTimeoutSeconds, 2L);
        reconnectSeconds = positive("reconnectSeconds", reconnectSeconds, 30L);
    }

    /** The URI, parsed. */
    URI clusterUri() {
        return URI.create(uri);
    }

    Duration connectTimeout() {
        return Duration.ofSeconds(connectTimeoutSeconds);
    }

    Duration operationTimeout() {
        return Duration.ofSeconds(operationTimeoutSeconds);
    }

    Duration reconnectDelay() {
        return Duration.ofSeconds(reconnectSeconds);
    }

    private static Long positive(String field, Long value, Long fallback) {
        if (value == null) {
            return fallback;
        }
        if (value <= 0) {
            throw new IllegalArgumentException("cluster." + field + ": must be a positive number");
        }
        return value;
    }

    /** The {@code cache} block seen for its {@code cluster} object only (every other key is CacheConfig's). */
    record Block(@JsonProperty("cluster") ClusterConfig cluster) {
    }
}
