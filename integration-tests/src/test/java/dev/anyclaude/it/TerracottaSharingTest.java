package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.testkit.terracotta.TerracottaKit;
import dev.anyclaude.testkit.terracotta.TerracottaServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.ehcache.Cache;
import org.ehcache.PersistentCacheManager;
import org.ehcache.clustered.client.config.builders.ClusteredResourcePoolBuilder;
import org.ehcache.clustered.client.config.builders.ClusteringServiceConfigurationBuilder;
import org.ehcache.clustered.client.config.builders.TimeoutsBuilder;
import org.ehcache.config.CacheConfiguration;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.MemoryUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Ehcache client this build ships (3.10.8, on the JDK the tests run on) against a real Terracotta server from
 * the kit of the same version: what the cache plugin's clustered tier builds on, proven without the proxy.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TerracottaSharingTest {
    private static TerracottaServer server;

    @BeforeAll
    static void startServer() {
        TerracottaKit.Lookup kit = TerracottaKit.find();
        Assumptions.assumeTrue(kit.present(), () -> "Terracotta tests skipped: " + kit.reason());
        server = TerracottaServer.start(kit.kit(), Path.of("target", "terracotta", "sharing"));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twoCacheManagersShareAnEntryThroughTheServer() {
        URI uri = server.uri("sharing");
        try (PersistentCacheManager first = manager(uri); PersistentCacheManager second = manager(uri)) {
            Cache<String, byte[]> written = first.getCache("answers", String.class, byte[].class);
            Cache<String, byte[]> read = second.getCache("answers", String.class, byte[].class);

            written.put("key-1", "event: message_stop\n".getBytes());

            assertThat(read.get("key-1")).asString().isEqualTo("event: message_stop\n");
            assertThat(read.get("key-2")).isNull();
        }
    }

    @Test
    void aManagerForAnUnreachableServerFailsWithinItsConnectionTimeout() {
        URI nowhere = URI.create("terracotta://127.0.0.1:" + unusedPort() + "/nowhere");

        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> manager(nowhere).close());

        assertThat(failure).isInstanceOf(org.ehcache.StateTransitionException.class)
                .rootCause().hasMessageContaining("connection timeout");
    }

    private static PersistentCacheManager manager(URI uri) {
        CacheConfiguration<String, byte[]> answers = CacheConfigurationBuilder
                .newCacheConfigurationBuilder(String.class, byte[].class, ResourcePoolsBuilder.heap(10)
                        .with(ClusteredResourcePoolBuilder.clusteredDedicated(TerracottaServer.RESOURCE, 8,
                                MemoryUnit.MB)))
                .build();
        return CacheManagerBuilder.newCacheManagerBuilder()
                .with(ClusteringServiceConfigurationBuilder.cluster(uri)
                        .timeouts(TimeoutsBuilder.timeouts().connection(Duration.ofSeconds(2)))
                        .autoCreateOnReconnect(server -> server.defaultServerResource(TerracottaServer.RESOURCE)))
                .withCache("answers", answers)
                .build(true);
    }

    private static int unusedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
