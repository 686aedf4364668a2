package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input gets an Anthropic-shaped error with the right status and a message naming the problem, and the
 * proxy serves the next request.
 */
class BadInputTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String VALID = "{\"model\":\"claude-x\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static MockAnthropicServer upstream;
    private static ProxyFixture proxy;

    @BeforeAll
    static void start() {
        upstream = new MockAnthropicServer().start();
        upstream.setDefault(MockResponse.json(200, AnthropicFixtures.messageJson()));
        proxy = ProxyFixture.start("""
                {"backend":"claude",
                 "server":{"maxBodyBytes":65536},
                 "backends":{"claude":{"type":"anthropic","baseUrl":"%s","apiKeyEnv":"ANYCLAUDE_TEST_NO_SUCH_VARIABLE"},
                             "down":{"type":"anthropic","baseUrl":"http://127.0.0.1:%d","apiKey":"sk-ant-never-shown"}}}"""
                .formatted(upstream.baseUrl(), closedPort()));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        upstream.close();
    }

    @AfterEach
    void proxyStillServesTheNextRequest() {
        HttpResponse<String> next = proxy.post("/v1/messages", VALID, "x-api-key", "k");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).isEqualTo(AnthropicFixtures.messageJson());
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("{\"model\":", "malformed JSON"),
                Arguments.of("[1,2]", "must be a JSON object"),
                Arguments.of("", "the request body is empty"),
                Arguments.of("{\"max_tokens\":5,\"messages\":[]}", "model: field required"),
                Arguments.of("{\"model\":7,\"max_tokens\":5,\"messages\":[]}", "model: must be a string"),
                Arguments.of("{\"model\":\"m\",\"messages\":[]}", "max_tokens: field required"),
                Arguments.of("{\"model\":\"m\",\"max_tokens\":\"5\",\"messages\":[]}", "max_tokens: must be an integer"),
                Arguments.of("{\"model\":\"m\",\"max_tokens\":1.5,\"messages\":[]}", "max_tokens: must be an integer"),
                Arguments.of("{\"model\":\"m\",\"max_tokens\":-1,\"messages\":[]}", "max_tokens: must be at least 0"),
                Arguments.of("{\"model\":\"m\",\"max_tokens\":5}", "messages: field required"),
                Arguments.of("{\"model\":\"m\",\"max_tokens\":5,\"messages\":{}}", "messages: must be an array"),
                Arguments.of("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[],\"stream\":\"yes\"}", "stream: must be a boolean"),
                Arguments.of("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]} trailing", "malformed JSON"));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void badBodyIsAnInvalidRequestNamingTheField(String body, String message) throws IOException {
        HttpResponse<String> response = proxy.post("/v1/messages", body);
        assertError(response, 400, "invalid_request_error", message);
    }

    @Test
    void countTokensNeedsNoMaxTokensButAModel() throws IOException {
        assertError(proxy.post("/v1/messages/count_tokens", "{\"messages\":[]}"), 400, "invalid_request_error", "model: field required");
    }

    @Test
    void bodyOverTheLimitIs413() throws IOException {
        String big = "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(70_000) + "\"}]}";
        assertError(proxy.post("/v1/messages", big), 413, "request_too_large", "65536 bytes");
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws IOException {
        URI uri = URI.create(proxy.url());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("POST /v1/messages HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 9; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 413 ");
            assertThat(response).contains("\"type\":\"request_too_large\"").contains("65536 bytes");
        }
    }

    @Test
    void bodyAnnouncedFarOverTheLimitIsRefusedAtOnceAndItsConnectionClosed() throws IOException {
        URI uri = URI.create(proxy.url());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + (65536L * 100) + "\r\n\r\n{\"model\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 413 ");
            assertThat(response.toLowerCase(java.util.Locale.ROOT)).contains("connection: close");
            assertThat(response).contains("\"type\":\"request_too_large\"");
        }
    }

    @Test
    void unknownBackendIs400NamingTheKnownOnes() throws IOException {
        HttpResponse<String> response = proxy.post("/v1/messages",
                "{\"model\":\"gpu-box,qwen\",\"max_tokens\":5,\"messages\":[]}");
        assertError(response, 400, "invalid_request_error", "unknown backend 'gpu-box'");
        assertThat(response.body()).contains("claude, down");
    }

    @Test
    void unreachableBackendNamesTheBackendAndUrlButNeverTheKey() throws IOException {
        HttpResponse<String> response = proxy.post("/v1/messages",
                "{\"model\":\"down,claude-x\",\"max_tokens\":5,\"messages\":[]}", "x-api-key", "sk-ant-client-key");
        assertError(response, 502, "api_error", "backend 'down' at http://127.0.0.1:");
        assertThat(response.body()).doesNotContain("sk-ant");
    }

    @Test
    void unknownPathIs404NotFoundError() throws IOException {
        assertError(proxy.get("/v1/nothing-here"), 404, "not_found_error", "/v1/nothing-here");
        assertError(proxy.post("/v2/messages", VALID), 404, "not_found_error", "/v2/messages");
    }

    @Test
    void wrongMethodIs405() throws IOException {
        assertError(proxy.get("/v1/messages"), 405, "invalid_request_error", "use POST");
    }

    @Test
    void clientThatSendsHalfABodyAndHangsUpLeavesTheProxyServing() throws IOException {
        URI uri = URI.create(proxy.url());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"model\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    private static void assertError(HttpResponse<String> response, int status, String type, String messagePart)
            throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = MAPPER.readTree(response.body());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo(type);
        assertThat(body.path("error").path("message").asText()).contains(messagePart);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
