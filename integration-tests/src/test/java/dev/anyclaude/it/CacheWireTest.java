package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.OpenAiFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cache on the fast path against a raw socket upstream and a client that hangs up: an OpenAI stream that broke off
 * mid-line is never stored nor replayed, and a hit from the heap or the disk whose client hangs up leaves the proxy
 * serving and the stored answer whole.
 */
@Timeout(120)
class CacheWireTest {
    private static RawUpstream upstream;
    private static ProxyFixture proxy;

    @BeforeAll
    static void start() throws IOException {
        upstream = new RawUpstream();
        Path dir = Files.createTempDirectory("anyclaude-cache-wire");
        proxy = ProxyFixture.start("""
                {"backend":"claude","cache":{"heapEntries":1,"diskMb":16,"path":"%s"},
                 "backends":{"claude":{"type":"anthropic","baseUrl":"%s","apiKey":"k"},
                             "local":{"type":"openai","baseUrl":"%s/v1","model":"q","apiKey":"k"}}}"""
                .formatted(dir.toString().replace("\\", "\\\\"), upstream.baseUrl(), upstream.baseUrl()));
        // The first call opens the store (on the blocking path); from then on calls take the fast path.
        upstream.enqueue(RawUpstream.allAtOnce(200, "application/json", AnthropicFixtures.messageJson(), 1000));
        ask("claude-sonnet-4-5", "open the store", false);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        upstream.close();
    }

    /** Every call of these tests took the fast path (the in-process timer counts only those). */
    private double fastBefore;

    @org.junit.jupiter.api.BeforeEach
    void countFastCalls() {
        fastBefore = fastCalls();
    }

    @AfterEach
    void theProxyStillServes() {
        assertThat(fastCalls()).as("calls on the fast path").isGreaterThan(fastBefore);
        upstream.enqueue(RawUpstream.allAtOnce(200, "text/event-stream",
                AnthropicFixtures.join(AnthropicFixtures.textStreamFrames("next")), 4096));
        HttpResponse<String> next = ask("claude-sonnet-4-5", "next " + System.nanoTime(), true);
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).contains("\"next\"").endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }

    @Test
    void anOpenAiStreamThatBreaksOffMidLineIsNeverStoredNorReplayed() {
        String stream = String.join("", OpenAiFixtures.sseFrames(List.of(OpenAiFixtures.roleChunk(),
                OpenAiFixtures.textChunk("half an answer"), OpenAiFixtures.finishChunk("stop")), true));
        int cut = stream.indexOf("\"finish_reason\":\"stop\"");
        for (boolean streaming : List.of(true, false)) {
            upstream.enqueue(RawUpstream.cutMidChunk(stream.substring(0, cut), stream.substring(cut, cut + 4)));
            HttpResponse<String> broken = ask("local,q", "break me " + streaming, streaming);
            assertThat(broken.body()).doesNotContain("message_stop").contains("the connection broke");
        }
        for (boolean streaming : List.of(true, false)) {
            upstream.enqueue(RawUpstream.chunkedStream(stream, 9));
        }
        for (boolean streaming : List.of(true, false)) {
            HttpResponse<String> again = ask("local,q", "break me " + streaming, streaming);
            assertThat(again.headers().firstValue("x-anyclaude-cache")).as("stream: " + streaming).hasValue("miss");
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).contains("half an answer").doesNotContain("event: error");
        }
    }

    @Test
    void aHitFromTheHeapOrTheDiskWhoseClientHangsUpLeavesTheStoredAnswerWhole() throws Exception {
        String big = "0123456789abcdef".repeat(2 * 1024 * 1024 / 16);
        String stream = AnthropicFixtures.join(AnthropicFixtures.textStreamFrames(big));
        upstream.enqueue(RawUpstream.allAtOnce(200, "text/event-stream", stream, 65536));
        double stores = stores();
        assertThat(ask("claude-sonnet-4-5", "big hit", true).body()).isEqualTo(stream);
        await().until(() -> stores() > stores);

        for (String where : List.of("heap", "disk")) {
            if (where.equals("disk")) { // a second answer takes the heap's one place: the big one is on disk only
                upstream.enqueue(RawUpstream.allAtOnce(200, "application/json", AnthropicFixtures.messageJson(), 1000));
                double before = stores();
                ask("claude-sonnet-4-5", "push the big one to disk", false);
                await().until(() -> stores() > before);
            }
            for (boolean streaming : List.of(true, false)) {
                hangUpAfterTheHead(body("claude-sonnet-4-5", "big hit", streaming));
            }
            HttpResponse<String> hit = ask("claude-sonnet-4-5", "big hit", true);
            assertThat(hit.headers().firstValue("x-anyclaude-cache")).as(where).hasValue("hit");
            assertThat(hit.body()).as(where).isEqualTo(stream);
        }
    }

    /** Sends the request on a socket, reads the first bytes of the answer and closes the socket. */
    private static void hangUpAfterTheHead(String body) throws IOException {
        URI uri = URI.create(proxy.url());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: client-key\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        }
    }

    private static double fastCalls() {
        return Math.max(0, CacheFixtures.metric(proxy.get("/metrics").body(), "anyclaude_request_in_process_seconds_count"));
    }

    private static double stores() {
        return CacheFixtures.metric(proxy.get("/metrics").body(), "anyclaude_cache_stores_total");
    }

    private static String body(String model, String prompt, boolean stream) {
        return CacheFixtures.body(model, prompt, stream);
    }

    private static HttpResponse<String> ask(String model, String prompt, boolean stream) {
        return proxy.post("/v1/messages", body(model, prompt, stream), "x-api-key", "client-key");
    }
}
