package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.terracotta.TerracottaKit;
import dev.anyclaude.testkit.terracotta.TerracottaServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The cache's clustered tier on a real Terracotta server from the Ehcache kit (one server for the class): two
 * proxies share answers; a proxy that loses its server, or opens its cache while the server is down, serves from its
 * local tiers and joins the server once it is back.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusteredCacheTest {
    private static final String CONNECTED = "anyclaude_cache_cluster_connected";
    private static TerracottaServer server;
    private static MockAnthropicServer upstream;

    @BeforeAll
    static void start() {
        TerracottaKit.Lookup kit = TerracottaKit.find();
        Assumptions.assumeTrue(kit.present(), () -> "clustered cache tests skipped: " + kit.reason());
        server = TerracottaServer.start(kit.kit(), Path.of("target", "terracotta", "clustered-cache"));
        upstream = new MockAnthropicServer().start();
        upstream.dispatch(MockAnthropicServer.MESSAGES, request ->
                MockResponse.sse(AnthropicFixtures.textStreamFrames("answered by the backend")));
    }

    @AfterAll
    static void stop() {
        if (upstream != null) {
            upstream.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twoProxiesShareAnAnswerSoTheSecondNeverReachesTheBackend() {
        URI uri = server.uri("sharing");
        try (ProxyFixture first = ProxyFixture.start(config(uri));
             ProxyFixture second = ProxyFixture.start(config(uri))) {
            awaitConnected(first, "warm up first");
            awaitConnected(second, "warm up second");
            int before = upstream.requestCount();

            HttpResponse<String> miss = ask(first, "shared question");
            HttpResponse<String> hit = ask(second, "shared question");

            assertThat(cacheHeader(miss)).isEqualTo("miss");
            assertThat(cacheHeader(hit)).isEqualTo("hit");
            assertThat(hit.body()).isEqualTo(miss.body());
            assertThat(upstream.requestCount() - before).isEqualTo(1);
        }
    }

    @Test
    void aServerThatGoesAwayOrIsNotThereLeavesTheLocalTiersServingWithAWarningAndIsRejoinedWhenItIsBack() {
        URI uri = server.uri("outage");
        ListAppender<ILoggingEvent> log = capture();
        try (ProxyFixture before = ProxyFixture.start(config(uri))) {
            awaitConnected(before, "warm up before the outage");
            server.stop();
            try (ProxyFixture during = ProxyFixture.start(config(uri))) {
                int calls = upstream.requestCount();

                // One proxy loses its server mid-run, the other opens its cache while the server is down.
                HttpResponse<String> lostMiss = ask(before, "asked when the server went away");
                HttpResponse<String> lostHit = ask(before, "asked when the server went away");
                HttpResponse<String> downMiss = ask(during, "asked while the server is down");
                HttpResponse<String> downHit = ask(during, "asked while the server is down");

                assertThat(List.of(lostMiss, downMiss)).allSatisfy(miss -> {
                    assertThat(miss.statusCode()).isEqualTo(200);
                    assertThat(cacheHeader(miss)).isEqualTo("miss");
                });
                assertThat(List.of(lostHit, downHit)).allSatisfy(hit -> assertThat(cacheHeader(hit)).isEqualTo("hit"));
                assertThat(upstream.requestCount() - calls).isEqualTo(2);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(log.list)
                        .anySatisfy(event -> assertThat(event.getFormattedMessage())
                                .contains("the clustered tier at " + uri + " failed").contains("serving from the local tiers"))
                        .anySatisfy(event -> assertThat(event.getFormattedMessage())
                                .contains("the clustered tier at " + uri + " is unreachable")
                                .contains("serving from the local tiers")));
                assertThat(connected(before)).isZero();
                assertThat(connected(during)).isZero();

                server.restart();
                await().atMost(Duration.ofSeconds(60)).until(() -> connected(before) == 1 && connected(during) == 1);
                HttpResponse<String> shared = ask(during, "asked after the outage");
                HttpResponse<String> sharedHit = ask(before, "asked after the outage");

                assertThat(cacheHeader(shared)).isEqualTo("miss");
                assertThat(cacheHeader(sharedHit)).isEqualTo("hit");
            }
        } finally {
            release(log);
            if (!server.running()) {
                server.restart();
            }
        }
    }

    private static String config(URI uri) {
        return "{\"backend\":\"claude\",\"cache\":{\"diskMb\":0,\"cluster\":{\"uri\":\"" + uri
                + "\",\"resource\":\"" + TerracottaServer.RESOURCE + "\",\"sizeMb\":8,\"connectTimeoutSeconds\":2,"
                + "\"operationTimeoutSeconds\":2,\"reconnectSeconds\":1}},\"backends\":{\"claude\":{\"type\":"
                + "\"anthropic\",\"baseUrl\":\"" + upstream.baseUrl() + "\",\"apiKeyEnv\":\"ANYCLAUDE_TEST_NO_SUCH_VARIABLE\"}}}";
    }

    private static HttpResponse<String> ask(ProxyFixture proxy, String prompt) {
        return proxy.post("/v1/messages", CacheFixtures.body("claude-sonnet-4-5", prompt, true), "x-api-key", "sk-ant-team");
    }

    /** The store (and its cluster connection) opens on the first request: send one, then wait for the gauge. */
    private static void awaitConnected(ProxyFixture proxy, String prompt) {
        assertThat(ask(proxy, prompt).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> connected(proxy) == 1);
    }

    private static double connected(ProxyFixture proxy) {
        return CacheFixtures.metric(proxy.get("/metrics").body(), CONNECTED);
    }

    private static String cacheHeader(HttpResponse<String> response) {
        return response.headers().firstValue("x-anyclaude-cache").orElse("(none)");
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger("dev.anyclaude.plugins.cache.ClusterTier")).addAppender(appender);
        return appender;
    }

    private static void release(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger("dev.anyclaude.plugins.cache.ClusterTier")).detachAppender(appender);
    }
}
