package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code toolCalls} middleware on the Raw lane, with no config for it: an Anthropic-compatible server
 * ({@code "mode": "compatible"}) answers in Anthropic's wire format but its model printed the call as text; the
 * proxy reads the answer as events and the official SDK receives {@code tool_use}, streamed and whole. Anthropic's
 * own API (passthrough) is left alone.
 */
class ToolCallsRawLaneTest {
    private static final String KIMI = "<|tool_calls_section_begin|><|tool_call_begin|>functions.get_weather:0"
            + "<|tool_call_argument_begin|>{\"city\": \"Paris\", \"days\": \"2\"}<|tool_call_end|><|tool_calls_section_end|>";
    private static final MessageCreateParams PARAMS = MessageCreateParams.builder()
            .model("kimi-k2").maxTokens(1024).addUserMessage("Weather in Paris?")
            .addTool(Tool.builder().name("get_weather").description("Forecast")
                    .inputSchema(Tool.InputSchema.builder()
                            .properties(JsonValue.from(Map.of("city", Map.of("type", "string"),
                                    "days", Map.of("type", "integer"))))
                            .required(List.of("city")).build())
                    .build())
            .build();

    private static MockAnthropicServer upstream;
    private static ProxyFixture proxy;
    private static AnthropicClient compatible;
    private static AnthropicClient passthrough;

    @BeforeAll
    static void start() {
        upstream = new MockAnthropicServer().start();
        proxy = ProxyFixture.start("{\"backend\":\"local\",\"backends\":{"
                + "\"local\":{\"type\":\"anthropic\",\"mode\":\"compatible\",\"baseUrl\":\"" + upstream.baseUrl()
                + "/v1\",\"apiKey\":\"k\",\"model\":\"kimi-k2\"},"
                + "\"claude\":{\"type\":\"anthropic\",\"baseUrl\":\"" + upstream.baseUrl() + "\",\"apiKey\":\"k\"}},"
                + "\"router\":{\"models\":{\"claude-*\":\"claude\"}}}");
        compatible = client();
        passthrough = client();
    }

    private static AnthropicClient client() {
        return AnthropicOkHttpClient.builder().baseUrl(proxy.url()).apiKey("client-key").maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stop() {
        compatible.close();
        passthrough.close();
        proxy.close();
        upstream.close();
    }

    @Test
    void aCallPrintedInAStreamedRawAnswerReachesTheSdkAsToolUse() {
        upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames(List.of("Checking.",
                KIMI.substring(0, 20), KIMI.substring(20, 61), KIMI.substring(61)), "end_turn")));

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> events = compatible.messages().createStreaming(PARAMS)) {
            events.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();

        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Checking.");
        var use = message.content().get(1).toolUse().orElseThrow();
        assertThat(use.id()).matches("toolu_[A-Za-z0-9]{24}");
        assertThat(use.name()).isEqualTo("get_weather");
        assertThat(use._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris", "days", 2));
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }

    @Test
    void aCallPrintedInAWholeRawMessageReachesANonStreamingClient() {
        upstream.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson("msg_1", "kimi-k2", KIMI)));

        Message message = compatible.messages().create(PARAMS);

        assertThat(message.content()).hasSize(1);
        assertThat(message.content().getFirst().toolUse().orElseThrow().name()).isEqualTo("get_weather");
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }

    @Test
    void aRawAnswerReadAsEventsTakesTheFastPathStreamedAndWhole() {
        assumeTrue(!"false".equals(System.getProperty("anyclaude.fastPath")), "the fast path is on");
        double before = fastCalls();
        upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames(List.of("Checking.", KIMI), "end_turn")));
        upstream.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson("msg_3", "kimi-k2", KIMI)));

        HttpResponse<String> streamed = proxy.post("/v1/messages", body(true));
        HttpResponse<String> whole = proxy.post("/v1/messages", body(false));

        assertThat(fastCalls() - before).isEqualTo(2);
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.body()).contains("event: content_block_start").contains("\"type\":\"tool_use\"")
                .contains("\"stop_reason\":\"tool_use\"").endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")
                .doesNotContain("tool_calls_section");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).contains("\"type\":\"tool_use\"").contains("\"name\":\"get_weather\"")
                .doesNotContain("tool_calls_section");
    }

    @Test
    void anUpstreamErrorOnTheRawLaneReachesTheClientAsItCame() {
        String error = AnthropicFixtures.errorBody("invalid_request_error", "tools: too many", "req_mock_error");
        upstream.enqueue(MockResponse.json(400, error).withHeader("request-id", "req_mock_error"));

        HttpResponse<String> answer = proxy.post("/v1/messages", body(true));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo(error);
        assertThat(answer.headers().firstValue("request-id")).hasValue("req_mock_error");
    }

    @Test
    void aRawStreamCutBeforeItsEndEndsWithAnErrorEvent() {
        List<String> frames = AnthropicFixtures.textStreamFrames(List.of("Checking."), "end_turn");
        upstream.enqueue(MockResponse.sse(frames.subList(0, frames.size() - 2)));

        HttpResponse<String> answer = proxy.post("/v1/messages", body(true));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Checking.").contains("event: error").doesNotContain("event: message_stop");
    }

    private static String body(boolean stream) {
        return "{\"model\":\"kimi-k2\",\"max_tokens\":1024,\"stream\":" + stream + ",\"tools\":[{\"name\":"
                + "\"get_weather\",\"description\":\"Forecast\",\"input_schema\":{\"type\":\"object\",\"properties\":"
                + "{\"city\":{\"type\":\"string\"},\"days\":{\"type\":\"integer\"}},\"required\":[\"city\"]}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]}";
    }

    private static double fastCalls() {
        return Math.max(0, CacheFixtures.metric(proxy.get("/metrics").body(),
                "anyclaude_request_in_process_seconds_count"));
    }

    @Test
    void anAnswerCompressedWithoutBeingAskedReachesTheClientAsItCame() throws Exception {
        String stream = String.join("", AnthropicFixtures.textStreamFrames(List.of("Checking.", KIMI), "end_turn"));
        java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(packed)) {
            gzip.write(stream.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        upstream.enqueue(MockResponse.raw(200, dev.anyclaude.testkit.HeaderFields.of("content-type",
                "text/event-stream", "content-encoding", "gzip"), packed.toByteArray()));

        HttpResponse<byte[]> answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                        .newBuilder(java.net.URI.create(proxy.url() + "/v1/messages"))
                        .header("content-type", "application/json").header("accept-encoding", "gzip")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body(true))).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        // The compatible server was not asked to compress (its backend drops accept-encoding): the repair cannot
        // read such an answer on either path, so it is relayed unchanged rather than failed or re-encoded.
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("content-encoding")).hasValue("gzip");
        assertThat(answer.body()).isEqualTo(packed.toByteArray());
    }

    @Test
    void anthropicsOwnApiIsLeftAlone() {
        upstream.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson("msg_2", "claude-sonnet-4-5", KIMI)));

        Message message = passthrough.messages().create(PARAMS.toBuilder().model("claude-sonnet-4-5").build());

        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo(KIMI);
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
    }
}
