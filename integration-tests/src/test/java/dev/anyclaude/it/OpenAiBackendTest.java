package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.core.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.testkit.MockOpenAiServer;
import dev.anyclaude.testkit.HeaderFields;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.OpenAiFixtures;
import dev.anyclaude.testkit.RecordedRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Anthropic Java SDK through the proxy's {@code openai} backend to a mock OpenAI-compatible server
 * (real HTTP, real SSE chunks): streamed and whole answers, text and tool calls, and every way the upstream can
 * fail, each ending in a clean Anthropic error after which the proxy serves the next request.
 */
class OpenAiBackendTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALID = "{\"model\":\"qwen\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static MockOpenAiServer upstream;
    private static ProxyFixture proxy;
    private static AnthropicClient sdk;

    private static final MessageCreateParams PARAMS = MessageCreateParams.builder()
            .model("qwen3-coder").maxTokens(1024).system("Be brief.").addUserMessage("Say hi")
            .addTool(Tool.builder().name("Read").description("Reads a file")
                    .inputSchema(Tool.InputSchema.builder()
                            .properties(JsonValue.from(Map.of("file_path", Map.of("type", "string"))))
                            .required(List.of("file_path")).build())
                    .build())
            .build();

    @BeforeAll
    static void start() {
        upstream = new MockOpenAiServer().start();
        proxy = ProxyFixture.openai(upstream.baseUrl() + "/v1");
        sdk = AnthropicOkHttpClient.builder().baseUrl(proxy.url()).apiKey("client-key").maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stop() {
        sdk.close();
        proxy.close();
        upstream.close();
    }

    @AfterEach
    void drain() throws InterruptedException {
        while (upstream.takeRequest(Duration.ZERO) != null) {
            // each test reads its own requests
        }
    }

    private static Message stream(MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> events = sdk.messages().createStreaming(params)) {
            events.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    @Test
    void streamedTextIsParsedByTheSdkAndTheRequestIsTranslated() throws Exception {
        upstream.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks("Hi", " there.")));

        Message message = stream(PARAMS);

        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("Hi there.");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.model().asString()).isEqualTo("qwen3-coder");
        RecordedRequest seen = upstream.takeRequest(Duration.ofSeconds(5));
        assertThat(seen.path()).isEqualTo("/v1/chat/completions");
        assertThat(seen.header("authorization")).isEqualTo("Bearer sk-local-secret-1");
        assertThat(seen.header("x-api-key")).isNull();
        JsonNode body = JSON.readTree(seen.body());
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(0).path("content").asText()).contains("Be brief.");
        assertThat(body.path("tools").get(0).path("function").path("name").asText()).isEqualTo("Read");
    }

    @Test
    void nonStreamingClientAsksTheServerForOneCompletionAndGetsItTranslated() throws Exception {
        upstream.enqueue(MockResponse.json(200, OpenAiFixtures.completionJson("Hello world")));

        Message message = sdk.messages().create(PARAMS);

        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("Hello world");
        assertThat(message.id()).startsWith("msg_");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(12);
        assertThat(message.usage().outputTokens()).isEqualTo(5);
        RecordedRequest seen = upstream.takeRequest(Duration.ofSeconds(5));
        assertThat(seen.header("accept")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(seen.body());
        assertThat(body.path("stream").isBoolean()).isTrue();
        assertThat(body.path("stream").asBoolean()).isFalse();
        assertThat(body.has("stream_options")).isFalse();
    }

    @Test
    void alwaysStreamAsksForAStreamForANonStreamingClientAndAggregatesIt() throws Exception {
        try (ProxyFixture always = ProxyFixture.start("{\"backend\":\"local\",\"backends\":{\"local\":{\"type\":"
                + "\"openai\",\"baseUrl\":\"" + upstream.baseUrl() + "/v1\",\"translation\":{\"alwaysStream\":true}}}}")) {
            AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(always.url()).apiKey("client-key")
                    .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
            try {
                upstream.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks("Streamed", " anyway")));

                Message message = client.messages().create(PARAMS);

                assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("Streamed anyway");
                RecordedRequest seen = upstream.takeRequest(Duration.ofSeconds(5));
                assertThat(seen.header("accept")).isEqualTo("text/event-stream");
                JsonNode body = JSON.readTree(seen.body());
                assertThat(body.path("stream").asBoolean()).isTrue();
                assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
            } finally {
                client.close();
            }
        }
    }

    @Test
    void serverThatStreamsToANonStreamingClientAnywayIsAggregated() {
        upstream.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks("Hello", " world")));

        Message message = sdk.messages().create(PARAMS);

        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("Hello world");
    }

    @Test
    void aCompletionLabelledAsPlainTextStillReachesANonStreamingClient() {
        // mistral.rs answers non-streaming requests with content-type text/plain.
        upstream.enqueue(MockResponse.raw(200, HeaderFields.of("content-type", "text/plain; charset=utf-8"),
                OpenAiFixtures.completionJson("Plain label.").getBytes(StandardCharsets.UTF_8)));

        Message message = sdk.messages().create(PARAMS);

        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("Plain label.");
        assertThat(message.usage().outputTokens()).isEqualTo(5);
    }

    @Test
    void serverThatIgnoresStreamAndAnswersJsonStillWorks() {
        upstream.enqueue(MockResponse.json(200, OpenAiFixtures.completionJson("Whole answer.")));

        assertThat(stream(PARAMS).content().getFirst().text().orElseThrow().text()).isEqualTo("Whole answer.");
    }

    @Test
    void streamedToolCallBecomesAToolUseBlockWithItsIdKept() {
        upstream.enqueue(MockResponse.chunks(OpenAiFixtures.toolCallChunks("call_7", "Read", "{\"file_path\":\"README.md\"}")));

        Message streamed = stream(PARAMS);

        assertThat(streamed.stopReason()).contains(StopReason.TOOL_USE);
        var use = streamed.content().getFirst().toolUse().orElseThrow();
        assertThat(use.id()).isEqualTo("call_7");
        assertThat(use.name()).isEqualTo("Read");
        assertThat(use._input().convert(Map.class)).isEqualTo(Map.of("file_path", "README.md"));
        assertThat(streamed.usage().inputTokens()).isEqualTo(50);
        assertThat(streamed.usage().outputTokens()).isEqualTo(12);
    }

    @Test
    void toolCallsAlsoReachANonStreamingClient() {
        upstream.enqueue(MockResponse.json(200, OpenAiFixtures.completionJson(null,
                List.of(new OpenAiFixtures.ToolCall("call_8", "Read", "{\"file_path\":\"a.txt\"}")), "tool_calls")));

        Message message = sdk.messages().create(PARAMS);

        var use = message.content().getFirst().toolUse().orElseThrow();
        assertThat(use.id()).isEqualTo("call_8");
        assertThat(use.name()).isEqualTo("Read");
        assertThat(use._input().convert(Map.class)).isEqualTo(Map.of("file_path", "a.txt"));
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }

    @Test
    void upstream429And500And400BecomeAnthropicErrorsOfTheRightType() {
        upstream.enqueue(OpenAiFixtures.errorResponse(429, "slow down"));
        assertThatThrownBy(() -> sdk.messages().create(PARAMS)).isInstanceOf(RateLimitException.class)
                .hasMessageContaining("slow down");
        upstream.enqueue(MockResponse.json(500, OpenAiFixtures.mlxErrorBody("model exploded")));
        assertThatThrownBy(() -> sdk.messages().create(PARAMS)).isInstanceOf(InternalServerException.class)
                .hasMessageContaining("model exploded").hasMessageContaining("backend 'local'");
        upstream.enqueue(MockResponse.json(400, OpenAiFixtures.vllmErrorBody("bad field", "BadRequestError", 400)));
        assertThatThrownBy(() -> sdk.messages().create(PARAMS)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("bad field");
        assertServesNext();
    }

    @Test
    void invalidJsonChunkMidStreamEndsInAnErrorEventNotASuccess() {
        upstream.enqueue(MockResponse.chunks(List.of(OpenAiFixtures.roleChunk(), OpenAiFixtures.textChunk("Hel"),
                "{not json")));
        assertThatThrownBy(() -> stream(PARAMS)).isInstanceOf(AnthropicServiceException.class)
                .hasMessageContaining("not valid JSON");
        assertServesNext();
    }

    @Test
    void connectionCutMidStreamEndsInAnErrorEvent() throws Exception {
        upstream.enqueue(MockResponse.chunksWithoutDone(List.of(OpenAiFixtures.roleChunk(), OpenAiFixtures.textChunk("Hel")))
                .thenDisconnect());

        HttpResponse<String> raw = proxy.post("/v1/messages", VALID.replace("\"max_tokens\"", "\"stream\":true,\"max_tokens\""));

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).contains("event: error").doesNotContain("event: message_stop");
        assertServesNext();
    }

    @Test
    void errorChunkBeforeAnyContentIsAnHttpError() throws Exception {
        upstream.enqueue(MockResponse.chunks(List.of(OpenAiFixtures.errorChunk("503", "no provider available"))));

        HttpResponse<String> raw = proxy.post("/v1/messages", VALID.replace("\"max_tokens\"", "\"stream\":true,\"max_tokens\""));

        assertThat(raw.statusCode()).isGreaterThanOrEqualTo(500);
        assertThat(raw.body()).contains("\"type\":\"error\"").contains("no provider available");
        assertServesNext();
    }

    @Test
    void keyNeverAppearsInAnError() throws Exception {
        upstream.enqueue(MockResponse.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-local-secret-1\"}}"));

        HttpResponse<String> raw = proxy.post("/v1/messages", VALID);

        assertThat(raw.statusCode()).isEqualTo(401);
        assertThat(raw.body()).contains("authentication_error").doesNotContain("sk-local-secret-1");
    }

    @Test
    void modelsComeFromTheServerAndCountTokensIsAnEstimate() throws Exception {
        upstream.enqueue(MockOpenAiServer.MODELS, MockResponse.json(200, OpenAiFixtures.modelsJson("qwen3-coder", "llama")));
        HttpResponse<String> models = proxy.get("/v1/models");
        assertThat(models.statusCode()).isEqualTo(200);
        JsonNode list = JSON.readTree(models.body());
        assertThat(list.path("data").findValuesAsText("id")).containsExactly("qwen3-coder", "llama");
        assertThat(list.path("data").get(0).path("type").asText()).isEqualTo("model");

        HttpResponse<String> count = proxy.post("/v1/messages/count_tokens",
                "{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "word ".repeat(100) + "\"}]}");
        JsonNode counted = JSON.readTree(count.body());
        assertThat(counted.path("input_tokens").asInt()).isBetween(100, 200);
        assertThat(counted.path("estimated").asBoolean()).isTrue();
    }

    private static void assertServesNext() {
        upstream.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks("ok")));
        HttpResponse<String> next = proxy.post("/v1/messages", VALID);
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        assertThat(next.body()).contains("\"text\":\"ok\"");
    }
}
