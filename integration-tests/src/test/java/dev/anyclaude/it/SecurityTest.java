package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockOpenAiServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.OpenAiFixtures;
import dev.anyclaude.testkit.RecordedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What may leave the proxy: a client's Anthropic key reaches only the Anthropic passthrough, a backend's outbound
 * header allowlist is applied to whatever its plugin sends, and upstream addresses come only from config, whatever a
 * request says (model names, query strings, Host headers and absolute request targets cannot point the proxy
 * elsewhere).
 */
class SecurityTest {
    private static final String CLIENT_KEY = "sk-ant-api03-client-own-key";
    private static final String STREAM_BODY = "{\"model\":\"m\",\"max_tokens\":5,\"stream\":true,\"messages\":[]}";

    private static MockAnthropicServer anthropic;
    private static MockAnthropicServer compatible;
    private static MockOpenAiServer openai;
    private static MockAnthropicServer elsewhere;
    private static ProxyFixture proxy;

    @BeforeAll
    static void start() {
        anthropic = new MockAnthropicServer().start();
        compatible = new MockAnthropicServer().start();
        openai = new MockOpenAiServer().start();
        elsewhere = new MockAnthropicServer().start();
        anthropic.setDefault(MockResponse.sse(AnthropicFixtures.textStreamFrames()));
        compatible.setDefault(MockResponse.sse(AnthropicFixtures.textStreamFrames()));
        openai.setDefault(MockResponse.chunks(OpenAiFixtures.textChunks("hi")));
        elsewhere.setDefault(MockResponse.sse(AnthropicFixtures.textStreamFrames()));
        proxy = ProxyFixture.start("""
                {"backend":"claude",
                 "backends":{
                   "claude":{"type":"anthropic","baseUrl":"%s"},
                   "strict":{"type":"anthropic","baseUrl":"%1$s","outboundHeaders":["content-type","x-api-key","anthropic-version"]},
                   "llama":{"type":"anthropic","mode":"compatible","baseUrl":"%s","apiKey":"sk-llama-configured"},
                   "local":{"type":"openai","baseUrl":"%s/v1","model":"q","apiKey":"sk-local-configured"},
                   "bare":{"type":"openai","baseUrl":"%3$s/v1","model":"q","apiKey":"sk-local-configured",
                           "outboundHeaders":["content-type","accept"]}}}"""
                .formatted(anthropic.baseUrl(), compatible.baseUrl(), openai.baseUrl()));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        anthropic.close();
        compatible.close();
        openai.close();
        elsewhere.close();
    }

    @Test
    void clientKeyReachesTheAnthropicPassthroughOnly() throws Exception {
        for (String backend : new String[]{"claude", "llama", "local"}) {
            HttpResponse<String> response = proxy.post("/v1/messages", STREAM_BODY.replace("\"m\"", "\"" + backend + ",m\""),
                    "x-api-key", CLIENT_KEY, "authorization", "Bearer " + CLIENT_KEY, "anthropic-version", "2023-06-01");
            assertThat(response.statusCode()).as(backend).isEqualTo(200);
        }
        assertThat(anthropic.takeRequest().header("x-api-key")).isEqualTo(CLIENT_KEY);
        RecordedRequest llama = compatible.takeRequest();
        RecordedRequest local = openai.takeRequest();
        for (RecordedRequest thirdParty : new RecordedRequest[]{llama, local}) {
            assertThat(thirdParty.headers().toString()).doesNotContain(CLIENT_KEY);
            assertThat(thirdParty.bodyUtf8()).doesNotContain(CLIENT_KEY);
        }
        assertThat(llama.header("x-api-key")).isEqualTo("sk-llama-configured");
        assertThat(local.header("authorization")).isEqualTo("Bearer sk-local-configured");
    }

    @Test
    void outboundHeaderAllowlistDropsEverythingElse() throws Exception {
        proxy.post("/v1/messages", STREAM_BODY.replace("\"m\"", "\"strict,m\""), "x-api-key", CLIENT_KEY,
                "anthropic-version", "2023-06-01", "anthropic-beta", "some-beta", "x-custom-tracking", "t-1");
        RecordedRequest strict = anthropic.takeRequest();
        assertThat(strict.header("x-api-key")).isEqualTo(CLIENT_KEY);
        assertThat(strict.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(strict.header("anthropic-beta")).isNull();
        assertThat(strict.header("x-custom-tracking")).isNull();

        proxy.post("/v1/messages", STREAM_BODY.replace("\"m\"", "\"bare,m\""));
        RecordedRequest bare = openai.takeRequest();
        assertThat(bare.header("authorization")).as("not on the allowlist, so not sent even though configured").isNull();
        assertThat(bare.header("content-type")).isEqualTo("application/json");
    }

    @Test
    void nothingInARequestCanPointTheProxyAtAnotherHost() throws Exception {
        String other = elsewhere.baseUrl();
        proxy.post("/v1/messages", STREAM_BODY.replace("\"m\"", "\"" + other + "/v1/messages\""), "x-api-key", "k");
        proxy.post("/v1/messages", STREAM_BODY.replace("\"m\"", "\"" + other.replace("http://", "") + ",m\""), "x-api-key", "k");
        proxy.post("/v1/messages?beta=true&url=" + other + "&@" + other.replace("http://", ""), STREAM_BODY,
                "x-api-key", "k");
        rawRequest("POST " + other + "/v1/messages HTTP/1.1\r\nHost: " + other.replace("http://", "") + "\r\n");
        rawRequest("POST /v1/messages HTTP/1.1\r\nHost: " + other.replace("http://", "") + "\r\nX-Forwarded-Host: "
                + other.replace("http://", "") + "\r\n");

        assertThat(elsewhere.takeRequest(Duration.ofMillis(200))).isNull();
        assertThat(elsewhere.requestCount()).isZero();
        while (anthropic.takeRequest(Duration.ofMillis(100)) != null) {
            // drain: every request that was served went to the configured upstream
        }
    }

    private static void rawRequest(String head) throws IOException {
        URI uri = URI.create(proxy.url());
        byte[] body = STREAM_BODY.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write((head + "x-api-key: k\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            socket.getInputStream().readAllBytes();
        }
    }
}
