package dev.anyclaude.it;

import static dev.anyclaude.it.AnthropicErrors.assertStreamEndsWithError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.testkit.AnthropicFixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Upstream answers cut into reads the proxy does not expect (one frame over a thousand reads, a whole stream and its
 * end in one, a frame far larger than a buffer, a chunk cut in the middle), relayed byte for byte (passthrough) and
 * read as events (an Anthropic-compatible server with the tool-calls middleware). Run with
 * {@code -Danyclaude.fastPath=false} too: both paths give the same answers.
 */
@Timeout(60)
class RawWireTest {
    private static final String PASSTHROUGH = "claude,m";
    private static final String COMPATIBLE = "local,m";

    private static RawUpstream upstream;
    private static ProxyFixture proxy;

    @BeforeAll
    static void start() {
        upstream = new RawUpstream();
        proxy = ProxyFixture.start("""
                {"backend":"claude",
                 "backends":{"claude":{"type":"anthropic","baseUrl":"%s","apiKey":"k"},
                             "local":{"type":"anthropic","mode":"compatible","baseUrl":"%s","apiKey":"k"}}}"""
                .formatted(upstream.baseUrl(), upstream.baseUrl()));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        upstream.close();
    }

    @AfterEach
    void proxyStillServesTheNextRequest() {
        for (String model : List.of(PASSTHROUGH, COMPATIBLE)) {
            upstream.enqueue(RawUpstream.allAtOnce(200, "text/event-stream",
                    AnthropicFixtures.join(AnthropicFixtures.textStreamFrames("next")), 4096));
            HttpResponse<String> next = post(model, true);
            assertThat(next.statusCode()).isEqualTo(200);
            assertThat(next.body()).contains("\"next\"").endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        }
    }

    @Test
    void aWholeStreamAndItsEndInOneReadGiveTheSameAnswer() {
        String stream = AnthropicFixtures.join(AnthropicFixtures.textStreamFrames("all at once"));
        for (String model : List.of(PASSTHROUGH, COMPATIBLE)) {
            upstream.enqueue(RawUpstream.allAtOnce(200, "text/event-stream", stream, 7));
            HttpResponse<String> answer = post(model, true);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).as(model).isEqualTo(reference(model, stream));
        }
        assertThat(reference(PASSTHROUGH, stream)).isEqualTo(stream);
    }

    @Test
    void aStreamArrivingOneByteAtATimeGivesTheSameAnswer() {
        String stream = AnthropicFixtures.join(AnthropicFixtures.textStreamFrames("byte by byte, é and 日本"));
        for (String model : List.of(PASSTHROUGH, COMPATIBLE)) {
            upstream.enqueue(RawUpstream.chunkedStream(stream, 1));
            assertThat(post(model, true).body()).as(model).isEqualTo(reference(model, stream));
        }
    }

    @Test
    void aFrameFarLargerThanTheBuffersReachesStreamingAndWholeClients() {
        String text = "0123456789abcdef".repeat(200 * 1024 / 16);
        String stream = AnthropicFixtures.join(AnthropicFixtures.textStreamFrames(text));
        for (String model : List.of(PASSTHROUGH, COMPATIBLE)) {
            upstream.enqueue(RawUpstream.chunkedStream(stream, 3000));
            HttpResponse<String> streamed = post(model, true);
            assertThat(streamed.body()).as(model).isEqualTo(reference(model, stream));
            upstream.enqueue(RawUpstream.allAtOnce(200, "application/json",
                    AnthropicFixtures.messageJson("msg_1", "m", text), 100_000));
            HttpResponse<String> whole = post(model, false);
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(AnthropicErrors.read(whole.body()).path("content").get(0).path("text").asText()).isEqualTo(text);
        }
    }

    @Test
    void anUpstreamThatBreaksOffInsideAChunkEndsTheStreamWithAnErrorEventAfterWholeFrames() {
        List<String> frames = AnthropicFixtures.textStreamFrames("cut");
        String whole = AnthropicFixtures.join(frames.subList(0, 4));
        String half = frames.get(4).substring(0, frames.get(4).length() / 2);

        upstream.enqueue(RawUpstream.cutMidChunk(whole, half));
        HttpResponse<String> relayed = post(PASSTHROUGH, true);
        assertStreamEndsWithError(relayed, "api_error", "backend 'claude' stopped in the middle of the answer: "
                + "upstream response body failed: ClosedChannelException");
        assertThat(relayed.body()).startsWith(whole).doesNotContain(half);

        upstream.enqueue(RawUpstream.cutMidChunk(whole, half));
        HttpResponse<String> repaired = post(COMPATIBLE, true);
        assertStreamEndsWithError(repaired, "api_error",
                "reading the backend's stream failed: upstream response body failed: ClosedChannelException");
        assertThat(repaired.body()).contains("\"text\":\"cut\"");

        // A client that did not ask for a stream gets an error, never the half message as a success.
        upstream.enqueue(RawUpstream.cutMidChunk(whole, half));
        AnthropicErrors.assertHttpError(post(COMPATIBLE, false), 500, "api_error",
                "reading the backend's stream failed: upstream response body failed: ClosedChannelException");
    }

    @Test
    void aCompressedStreamThatBreaksOffEndsShortInsteadOfGettingAPlainTextErrorEvent() throws Exception {
        java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(packed)) {
            gzip.write(AnthropicFixtures.join(AnthropicFixtures.textStreamFrames("squeezed"))
                    .getBytes(StandardCharsets.UTF_8));
        }
        byte[] sent = java.util.Arrays.copyOf(packed.toByteArray(), packed.size() / 2);
        upstream.enqueue((socket, out) -> {
            out.write(("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncontent-encoding: gzip\r\n"
                    + "transfer-encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(RawUpstream.chunk(sent, 0, sent.length));
            out.write("200\r\n".getBytes(StandardCharsets.US_ASCII)); // a chunk announced and never sent
            out.flush();
            socket.close();
        });

        String answer;
        try (java.net.Socket socket = proxy.openPost("/v1/messages", body(PASSTHROUGH, true))) {
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }

        // An event written into a gzip body would be garbage to the client's decoder: the response ends short
        // instead (no last chunk), which no client takes for a whole answer.
        assertThat(answer).startsWith("HTTP/1.1 200").containsIgnoringCase("content-encoding: gzip")
                .doesNotContain("event: error").doesNotEndWith("0\r\n\r\n");
        assertThat(answer.getBytes(StandardCharsets.ISO_8859_1).length).isGreaterThan(sent.length);
    }

    @Test
    void aCompatibleServersErrorsReachTheClientAsTheyCameOrAsAnErrorEvent() {
        String overloaded = AnthropicFixtures.errorBody("overloaded_error", "Overloaded", "req_9");
        upstream.enqueue(RawUpstream.chunkedStream(529, "application/json", overloaded, 3));
        HttpResponse<String> refused = post(COMPATIBLE, true);
        assertThat(refused.statusCode()).isEqualTo(529);
        assertThat(refused.body()).isEqualTo(overloaded);

        String page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        upstream.enqueue(RawUpstream.allAtOnce(502, "text/html", page, 10));
        HttpResponse<String> html = post(COMPATIBLE, false);
        assertThat(html.statusCode()).isEqualTo(502);
        assertThat(html.body()).isEqualTo(page);

        upstream.enqueue(RawUpstream.chunkedStream(AnthropicFixtures.join(AnthropicFixtures.midStreamErrorFrames()), 5));
        assertStreamEndsWithError(post(COMPATIBLE, true), "overloaded_error", "Overloaded");
    }

    @Test
    void aCompatibleServersAnswerToACallWithoutToolsReachesTheClientAsItCame() {
        // Nothing for the tool-call repair to do: the answer is not re-encoded (spacing kept), nor aggregated.
        String stream = AnthropicFixtures.join(AnthropicFixtures.textStreamFrames("as it came"))
                .replace("{\"type\":\"ping\"}", "{\"type\": \"ping\"}");
        for (boolean streaming : List.of(true, false)) {
            upstream.enqueue(RawUpstream.allAtOnce(200, "text/event-stream", stream, 50));
            HttpResponse<String> answer = proxy.post("/v1/messages", "{\"model\":\"" + COMPATIBLE
                    + "\",\"max_tokens\":5,\"stream\":" + streaming + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(answer.body()).as("stream: " + streaming).isEqualTo(stream);
        }
    }

    @Test
    void aClientThatHangsUpInTheMiddleOfAStreamDropsTheUpstreamAndTheProxyGoesOn() throws Exception {
        List<String> frames = AnthropicFixtures.textStreamFrames("gone");
        for (String model : List.of(PASSTHROUGH, COMPATIBLE)) {
            CompletableFuture<Void> clientRead = new CompletableFuture<>();
            CompletableFuture<Throwable> broken = new CompletableFuture<>();
            upstream.enqueue(RawUpstream.gatedStream(frames.subList(0, 4), 3, clientRead, broken));
            URI uri = URI.create(proxy.url());
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
                ProxyFixture.writePost(socket, "/v1/messages", body(model, true));
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                List<String> lines = new ArrayList<>();
                for (String line = in.readLine(); line != null && !line.equals("event: ping"); line = in.readLine()) {
                    lines.add(line);
                }
                assertThat(lines).contains("event: message_start");
                clientRead.complete(null);
            }
            assertThat(broken.get(20, TimeUnit.SECONDS)).as(model + ": the upstream saw the hang-up").isNotNull();
        }
    }

    /** What the client gets for {@code stream} sent in one chunk, read in one go. */
    private static String reference(String model, String stream) {
        upstream.enqueue(RawUpstream.chunkedStream(stream, Integer.MAX_VALUE));
        return post(model, true).body();
    }

    private static HttpResponse<String> post(String model, boolean stream) {
        return proxy.post("/v1/messages", body(model, stream), "x-api-key", "client-key");
    }

    /** A call with a tool, so that the tool-call repair reads a compatible server's answer as events. */
    private static String body(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":5,\"stream\":" + stream
                + ",\"tools\":[{\"name\":\"get_weather\",\"input_schema\":{\"type\":\"object\"}}]"
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }
}
