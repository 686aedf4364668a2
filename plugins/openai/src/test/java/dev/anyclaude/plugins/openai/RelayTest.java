package dev.anyclaude.plugins.openai;

import static dev.anyclaude.plugins.openai.Answers.headers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.api.http.UpstreamRequest;
import dev.anyclaude.api.relay.Relay;
import dev.anyclaude.core.http.JdkUpstreamClient;
import dev.anyclaude.plugins.openai.Answers.Outcome;
import dev.anyclaude.testkit.FixedResponse;
import dev.anyclaude.testkit.HeaderFields;
import dev.anyclaude.testkit.MockOpenAiServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.OpenAiFixtures;
import dev.anyclaude.testkit.RecordedRequest;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast path against the blocking one: for real upstream answers served by a real OpenAI mock server, the
 * {@code AnswerTranslator} of {@link OpenAiBackend#relay} fed the body cut at every byte gives exactly what
 * {@link OpenAiBackend#messages} gives (events, or the error's status, type and message), and sends the same request.
 */
class RelayTest {
    private static MockOpenAiServer server;
    private static JdkUpstreamClient http;

    @BeforeAll
    static void start() {
        server = new MockOpenAiServer().start();
        http = new JdkUpstreamClient();
    }

    @AfterAll
    static void stop() {
        server.close();
        http.close();
    }

    static Stream<Arguments> answers() throws IOException, URISyntaxException {
        List<Arguments> answers = new ArrayList<>();
        Path golden = Path.of(RelayTest.class.getResource("/golden/stream").toURI());
        try (Stream<Path> files = Files.list(golden)) {
            files.map(Path::getFileName).map(Path::toString).filter(n -> n.endsWith(".sse") && !n.endsWith(".expected.sse"))
                    .sorted().forEach(n -> answers.add(Arguments.of("golden " + n, sse(read(golden.resolve(n))))));
        }
        String keepAlives = String.join("", OpenAiFixtures.sseFrames(List.of(OpenAiFixtures.comment("keepalive 1/2"),
                OpenAiFixtures.roleChunk(), OpenAiFixtures.reasoningChunk("Think é."), OpenAiFixtures.textChunk("Hi 日本 😀"),
                OpenAiFixtures.finishChunk("stop"), OpenAiFixtures.usageChunk(50, 3, 32)), true));
        answers.add(Arguments.of("text with keep-alives and reasoning", sse(keepAlives.getBytes(StandardCharsets.UTF_8))));
        answers.add(Arguments.of("the same with CRLF line ends",
                sse(keepAlives.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));
        answers.add(Arguments.of("a tool call in fragments", sse(MockResponse.chunks(OpenAiFixtures.toolCallChunks("call_1", "Read",
                "{\"file_path\":\"/tmp/a é.txt\"}")).bodyBytes())));
        answers.add(Arguments.of("an error chunk mid-stream", sse(MockResponse.chunks(OpenAiFixtures.roleChunk(),
                OpenAiFixtures.textChunk("x"), OpenAiFixtures.errorChunk("rate_limit_exceeded", "slow down")).bodyBytes())));
        answers.add(Arguments.of("an error chunk first", sse(MockResponse.chunks(OpenAiFixtures.errorChunk("500", "boom")).bodyBytes())));
        answers.add(Arguments.of("a stream cut before its finish", sse(MockResponse.chunksWithoutDone(List.of(
                OpenAiFixtures.roleChunk(), OpenAiFixtures.textChunk("Hal"))).bodyBytes())));
        answers.add(Arguments.of("an empty stream", sse(new byte[0])));
        answers.add(Arguments.of("garbage chunk JSON first", sse(ascii("data: {not json\n\ndata: [DONE]\n\n"))));
        answers.add(Arguments.of("garbage chunk JSON after the start", sse(ascii("data: " + OpenAiFixtures.roleChunk()
                + "\n\ndata: " + OpenAiFixtures.textChunk("a") + "\n\ndata: {\"choices\":[{\"delta\":\n\n"))));
        answers.add(Arguments.of("a JSON completion", MockResponse.json(200, OpenAiFixtures.completionJson("Hello é"))));
        answers.add(Arguments.of("a JSON completion with a tool call", MockResponse.json(200, OpenAiFixtures.completionJson(null,
                List.of(new OpenAiFixtures.ToolCall("call_9", "Bash", "{\"command\":\"ls\"}")), "tool_calls"))));
        answers.add(Arguments.of("JSON with a charset", MockResponse.raw(200,
                HeaderFields.of("content-type", "Application/JSON; charset=utf-8"), ascii(OpenAiFixtures.completionJson("x")))));
        answers.add(Arguments.of("a JSON answer that is not JSON", MockResponse.json(200, "{\"choices\": [")));
        answers.add(Arguments.of("a JSON error in a 200", MockResponse.json(200, OpenAiFixtures.openRouterErrorBody(502, "no provider"))));
        answers.add(Arguments.of("400 context length", OpenAiFixtures.errorResponse(400,
                "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens.")));
        answers.add(Arguments.of("401 with a key in the message", OpenAiFixtures.errorResponse(401,
                "Incorrect API key provided: sk-abcdef1234567890")));
        answers.add(Arguments.of("429 with retry-after", OpenAiFixtures.errorResponse(429, "Rate limit reached")
                .withHeader("retry-after", "3")));
        answers.add(Arguments.of("408", OpenAiFixtures.errorResponse(408, "timeout")));
        answers.add(Arguments.of("500 in plain text", MockResponse.raw(500, HeaderFields.of("content-type", "text/plain"),
                ascii("Internal Server Error"))));
        answers.add(Arguments.of("503 from vLLM", MockResponse.json(503, OpenAiFixtures.vllmErrorBody("busy", "ServiceUnavailable", 503))));
        answers.add(Arguments.of("404 from mlx_lm", MockResponse.json(404, OpenAiFixtures.mlxErrorBody("model not found"))));
        answers.add(Arguments.of("an empty 502", MockResponse.raw(502, HeaderFields.empty(), new byte[0])));
        answers.add(Arguments.of("a 500 body longer than what is read of it", MockResponse.raw(500,
                HeaderFields.of("content-type", "text/plain"), ascii("overloaded! ".repeat(8_000)))));
        return answers.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void theFastPathGivesWhatMessagesGivesForTheBodyCutAtEveryByte(String name, FixedResponse answer) throws InterruptedException {
        server.enqueue(answer);
        Outcome expected = Answers.pulled(backend(), Answers.call());
        RecordedRequest sent = server.takeRequest();
        HttpHeaders headers = HttpHeaders.of(answer.headers().toMultimap(), (n, v) -> true);
        byte[] body = answer.body();

        assertThat(expected.events().size() + (expected.failure() == null ? 0 : 1)).isPositive();
        UpstreamRequest request = ((Relay.Translated) backend().relay(Answers.call()).orElseThrow()).request();
        assertThat(request.body()).isEqualTo(sent.body());
        request.headers().forEach(header -> assertThat(sent.header(header.getKey())).isEqualTo(header.getValue()));
        var factory = Answers.factory(backend(), Answers.call());
        int step = body.length > 10_000 ? 997 : 1;
        for (int cut = 0; cut <= body.length; cut += step) {
            assertThat(Answers.pushed(factory, answer.status(), headers, body,
                    List.of(cut == 0 ? Math.max(1, body.length) : cut, body.length), null)).as("cut at %d", cut).isEqualTo(expected);
        }
        assertThat(Answers.pushed(factory, answer.status(), headers, body, List.of(1), null))
                .as("a byte at a time").isEqualTo(expected);
    }

    @Test
    void theRelayedRequestIsTheOneMessagesSendsWithItsTimeoutKeyHeadersAndExtraBody() throws Exception {
        server.enqueue(sse(MockResponse.chunks(OpenAiFixtures.textChunks("Hi")).bodyBytes()));
        Answers.pulled(backend(), Answers.call());
        RecordedRequest sent = server.takeRequest();

        UpstreamRequest request = ((Relay.Translated) backend().relay(Answers.call()).orElseThrow()).request();

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri().toString()).isEqualTo(server.baseUrl() + "/v1/chat/completions");
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.timeout()).hasSeconds(30);
        assertThat(request.headers()).contains(Map.entry("authorization", "Bearer sk-test-key-123456"),
                Map.entry("X-Team", "tools"), Map.entry("accept", "text/event-stream"));
        assertThat(Answers.JSON.mapper().readTree(request.body()).path("top_k").asInt()).isEqualTo(20);
        assertThat(request.body()).isEqualTo(sent.body());
    }

    static Stream<Arguments> failures() {
        byte[] started = ascii(String.join("", OpenAiFixtures.sseFrames(List.of(OpenAiFixtures.roleChunk(),
                OpenAiFixtures.textChunk("Hel"), OpenAiFixtures.textChunk("lo")), false)) + "data: {\"partial");
        HttpHeaders sse = headers("content-type", "text/event-stream");
        return Stream.of(
                Arguments.of("a timeout after the answer started", 200, sse, started),
                Arguments.of("a timeout before anything arrived", 200, sse, new byte[0]),
                Arguments.of("a timeout inside the first event", 200, sse, ascii("data: {\"id\":")),
                Arguments.of("a timeout reading an error body", 500, headers("content-type", "application/json"),
                        ascii("{\"error\":{\"mess")),
                Arguments.of("a timeout reading a JSON answer", 200, headers("content-type", "application/json"),
                        ascii(OpenAiFixtures.completionJson("cut").substring(0, 40))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void aBrokenConnectionEndsTheAnswerAsInMessages(String name, int status, HttpHeaders headers, byte[] body) {
        SocketTimeoutException timeout = new SocketTimeoutException("Read timed out");
        OpenAiBackend backend = Answers.backend("http://127.0.0.1:9/v1", Answers.scripted(status, headers, body, timeout));
        Outcome expected = Answers.pulled(backend, Answers.call());
        var factory = Answers.factory(backend, Answers.call());

        assertThat(expected.failure() != null || expected.events().getLast() instanceof dev.anyclaude.api.model.StreamEvent.Error)
                .isTrue();
        for (int cut = 0; cut <= body.length; cut++) {
            assertThat(Answers.pushed(factory, status, headers, body, List.of(Math.max(1, cut), body.length + 1), timeout))
                    .as("cut at %d", cut).isEqualTo(expected);
        }
    }

    private static OpenAiBackend backend() {
        return Answers.backend(server.baseUrl() + "/v1", http);
    }

    private static FixedResponse sse(byte[] body) {
        return MockResponse.raw(200, HeaderFields.of("content-type", "text/event-stream"), body);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
