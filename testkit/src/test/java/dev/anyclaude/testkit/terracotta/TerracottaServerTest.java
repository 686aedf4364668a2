package dev.anyclaude.testkit.terracotta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.ehcache.Cache;
import org.ehcache.PersistentCacheManager;
import org.ehcache.StateTransitionException;
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
 * A real Terracotta server from the kit, and a plain Ehcache client of the same version (3.10.8) on the JDK the
 * tests run on: what the cache plugin's clustered tier builds on, proven without the proxy. One server for the
 * class (ClusteredCacheTest in integration-tests covers a restart, through the proxy).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TerracottaServerTest {
    private static final byte[] ANSWER = "event: message_stop\n".getBytes(StandardCharsets.UTF_8);
    private static TerracottaServer server;

    @BeforeAll
    static void startServer() {
        TerracottaKit.Lookup kit = TerracottaKit.find();
        Assumptions.assumeTrue(kit.present(), () -> "Terracotta tests skipped: " + kit.reason());
        server = TerracottaServer.start(kit.kit(), Path.of("target", "terracotta", "server-test"));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
            assertFalse(server.running());
        }
    }

    @Test
    void twoCacheManagersShareAnEntryThroughTheServer() {
        URI uri = server.uri("sharing");
        try (PersistentCacheManager first = manager(uri); PersistentCacheManager second = manager(uri)) {
            Cache<String, byte[]> written = first.getCache("answers", String.class, byte[].class);
            Cache<String, byte[]> read = second.getCache("answers", String.class, byte[].class);

            written.put("key-1", ANSWER);

            assertArrayEquals(ANSWER, read.get("key-1"));
            assertNull(read.get("key-2"));
        }
    }

    @Test
    void aManagerForAnUnreachableServerFailsWithinItsConnectionTimeout() {
        URI nowhere = URI.create("terracotta://127.0.0.1:" + unusedPort() + "/nowhere");

        StateTransitionException failure = assertThrows(StateTransitionException.class, () -> manager(nowhere).close());

        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertInstanceOf(java.util.concurrent.TimeoutException.class, root);
        assertTrue(root.getMessage().contains("connection timeout"), root.getMessage());
    }

    private static PersistentCacheManager manager(URI uri) {
        CacheConfiguration<String, byte[]> answers = CacheConfigurationBuilder
                .newCacheConfigurationBuilder(String.class, byte[].class, ResourcePoolsBuilder.heap(10)
                        .with(ClusteredResourcePoolBuilder.clusteredDedicated(TerracottaServer.RESOURCE, 8,
                                MemoryUnit.MB)))
                .build();
        return CacheManagerBuilder.newCacheManagerBuilder()
                .with(ClusteringServiceConfigurationBuilder.cluster(uri)
                        .timeouts(TimeoutsBuilder.timeouts().connection(Duration.ofSeconds(2))
                                .read(Duration.ofSeconds(2)).write(Duration.ofSeconds(2)))
                        .autoCreateOnReconnect(server -> server.defaultServerResource(TerracottaServer.RESOURCE)))
                .withCache("answers", answers)
                .build(true);
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
