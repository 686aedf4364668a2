package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ThinkingConfigEnabled;
import com.anthropic.models.messages.Tool;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.testkit.MockOpenAiServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.OpenAiFixtures;
import dev.anyclaude.testkit.RecordedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Anthropic Java SDK through the proxy's {@code openrouter} backend, loaded from the plugin folder
 * together with the {@code openai} plugin it depends on, to a mock server speaking OpenRouter's wire protocol:
 * keep-alive comments, attribution headers, routing and reasoning fields, mid-stream error objects and
 * OpenRouter's error statuses, each failure followed by a request that succeeds.
 */
class OpenRouterBackendTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-or-v1-config-secret-1";
    /** Set for the test JVM by surefire (integration-tests/pom.xml), never by mutating the environment. */
    private static final String ENV_KEY = "sk-or-v1-env-secret-2";
    private static final String PROCESSING = OpenAiFixtures.comment("OPENROUTER PROCESSING");
    private static final String STREAMED = "{\"model\":\"claude-sonnet-4-5\",\"stream\":true,\"max_tokens\":64,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static MockOpenAiServer upstream;
    private static ProxyFixture proxy;
    private static ProxyFixture envProxy;
    private static AnthropicClient sdk;

    private static final MessageCreateParams PARAMS = MessageCreateParams.builder()
            .model("claude-sonnet-4-5").maxTokens(20_000).addUserMessage("Read the README")
            .thinking(ThinkingConfigEnabled.builder().budgetTokens(10_000).build())
            .addTool(Tool.builder().name("Read").description("Reads a file")
                    .inputSchema(Tool.InputSchema.builder()
                            .properties(JsonValue.from(Map.of("file_path", Map.of("type", "string"))))
                            .required(List.of("file_path")).build())
                    .build())
            .build();

    @BeforeAll
    static void start() {
        upstream = new MockOpenAiServer().start();
        String baseUrl = upstream.baseUrl() + "/v1";
        proxy = ProxyFixture.start("""
                {"backend":"router","backends":{"router":{"type":"openrouter","baseUrl":"%s","apiKey":"%s",
                 "model":"qwen/qwen3-coder","models":["moonshotai/kimi-k2"],
                 "provider":{"order":["cerebras"],"allow_fallbacks":false,"data_collection":"deny"},
                 "reasoning":{"effort":"low","exclude":false},"usage":{"include":true},
                 "transforms":["middle-out"]}}}""".formatted(baseUrl, KEY));
        envProxy = ProxyFixture.start("""
                {"backend":"router","backends":{"router":{"type":"openrouter","baseUrl":"%s",
                 "apiKeyEnv":"ANYCLAUDE_TEST_OPENROUTER_KEY","model":"z-ai/glm-4.6","title":"my-team"}}}"""
                .formatted(baseUrl));
        sdk = AnthropicOkHttpClient.builder().baseUrl(proxy.url()).apiKey("client-key").maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stop() {
        sdk.close();
        envProxy.close();
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

    /** {@code elements} with a keep-alive comment before each and at the very start. */
    private static List<String> withKeepAlives(List<String> elements) {
        List<String> out = new ArrayList<>();
        for (String element : elements) {
            out.add(PROCESSING);
            out.add(element);
        }
        return out;
    }

    @Test
    void streamedTextWithKeepAliveCommentsReachesTheSdkWhole() {
        upstream.enqueue(MockResponse.chunks(withKeepAlives(OpenAiFixtures.textChunks("Hi", " from", " OpenRouter."))));

        Message message = stream(PARAMS);

        assertThat(message.content()).hasSize(1);
        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("Hi from OpenRouter.");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
    }

    @Test
    void requestCarriesKeyAttributionRoutingReasoningAndNoConflictingReasoningEffort() throws Exception {
        upstream.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks("ok")));

        stream(PARAMS);

        RecordedRequest seen = upstream.takeRequest(Duration.ofSeconds(5));
        assertThat(seen.path()).isEqualTo("/v1/chat/completions");
        assertThat(seen.header("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(seen.header("http-referer")).isEqualTo("https://github.com/anyclaude/anyclaude");
        assertThat(seen.header("x-title")).isEqualTo("anyclaude");
        assertThat(seen.header("x-api-key")).isNull();
        JsonNode body = JSON.readTree(seen.body());
        assertThat(body.path("model").asText()).isEqualTo("qwen/qwen3-coder");
        assertThat(body.path("models").get(0).asText()).isEqualTo("moonshotai/kimi-k2");
        assertThat(body.path("provider")).isEqualTo(JSON.readTree(
                "{\"order\":[\"cerebras\"],\"allow_fallbacks\":false,\"data_collection\":\"deny\"}"));
        assertThat(body.path("reasoning")).isEqualTo(JSON.readTree("{\"effort\":\"low\",\"exclude\":false}"));
        assertThat(body.has("reasoning_effort")).as("thinking was asked for, but reasoning is configured").isFalse();
        assertThat(body.path("usage").path("include").asBoolean()).isTrue();
        assertThat(body.path("transforms").get(0).asText()).isEqualTo("middle-out");
        assertThat(body.path("tools").get(0).path("function").path("name").asText()).isEqualTo("Read");
    }

    @Test
    void keyFromTheEnvironmentVariableTheConfigNames() throws Exception {
        upstream.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks("ok")));

        HttpResponse<String> raw = envProxy.post("/v1/messages", STREAMED);

        assertThat(raw.statusCode()).isEqualTo(200);
        RecordedRequest seen = upstream.takeRequest(Duration.ofSeconds(5));
        assertThat(seen.header("authorization")).isEqualTo("Bearer " + ENV_KEY);
        assertThat(seen.header("x-title")).isEqualTo("my-team");
        JsonNode body = JSON.readTree(seen.body());
        assertThat(body.path("model").asText()).isEqualTo("z-ai/glm-4.6");
        assertThat(body.has("provider")).isFalse();
        assertThat(body.has("reasoning")).isFalse();
    }

    @Test
    void toolCallBetweenKeepAlivesBecomesAToolUseBlock() {
        upstream.enqueue(MockResponse.chunks(withKeepAlives(
                OpenAiFixtures.toolCallChunks("call_or_1", "Read", "{\"file_path\":\"README.md\"}"))));

        Message message = stream(PARAMS);

        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        var use = message.content().getFirst().toolUse().orElseThrow();
        assertThat(use.id()).isEqualTo("call_or_1");
        assertThat(use._input().convert(Map.class)).isEqualTo(Map.of("file_path", "README.md"));
    }

    @Test
    void midStreamErrorObjectBecomesAnErrorEventNamingOpenRouterAndTheProvider() {
        String error = "{\"id\":\"gen-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"qwen/qwen3-coder\","
                + "\"error\":{\"code\":502,\"message\":\"Provider returned error\",\"metadata\":{\"provider_name\":\"Cerebras\"}},"
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\"}]}";
        upstream.enqueue(MockResponse.chunks(List.of(OpenAiFixtures.roleChunk(), OpenAiFixtures.textChunk("Hel"),
                PROCESSING, error)));

        HttpResponse<String> raw = proxy.post("/v1/messages", STREAMED);

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).contains("event: content_block_delta").contains("event: error")
                .contains("overloaded_error").contains("OpenRouter").contains("Provider returned error")
                .contains("Cerebras").doesNotContain("event: message_stop");
        assertServesNext();
    }

    @Test
    void noCreditsIsABillingErrorThatSaysWhatToDo() {
        upstream.enqueue(MockResponse.json(402, "{\"error\":{\"code\":402,\"message\":\"Insufficient credits\","
                + "\"metadata\":{\"limit_source\":\"key\"}}}"));

        HttpResponse<String> raw = proxy.post("/v1/messages", STREAMED);

        assertThat(raw.statusCode()).isEqualTo(402);
        assertThat(raw.body()).contains("\"billing_error\"")
                .contains("OpenRouter says the account has no credits left; add credits at "
                        + "openrouter.ai/settings/credits or pick a free model")
                .contains("limit source: key");

        upstream.enqueue(MockResponse.json(402, OpenAiFixtures.openRouterErrorBody(402, "Insufficient credits")));
        assertThatThrownBy(() -> sdk.messages().create(PARAMS)).isInstanceOf(AnthropicServiceException.class)
                .satisfies(e -> assertThat(((AnthropicServiceException) e).statusCode()).isEqualTo(402))
                .hasMessageContaining("billing_error").hasMessageContaining("no credits left");
        assertServesNext();
    }

    @Test
    void noProviderIsOverloadedAndSuggestsRelaxingProviderPreferences() {
        upstream.enqueue(MockResponse.json(503, OpenAiFixtures.openRouterErrorBody(503,
                "No endpoints found that can handle the requested parameters.")).withHeader("retry-after", "3"));

        HttpResponse<String> raw = proxy.post("/v1/messages", STREAMED);

        assertThat(raw.statusCode()).isEqualTo(529);
        assertThat(raw.body()).contains("\"overloaded_error\"").contains("no OpenRouter provider meets the routing")
                .contains("relax the backend's provider preferences").contains("retry after 3 s");
        assertServesNext();
    }

    @Test
    void badKeyNamesTheVariableAndNeverEchoesTheKey() {
        upstream.enqueue(MockResponse.json(401, OpenAiFixtures.openRouterErrorBody(401,
                "No auth credentials found for Bearer " + KEY)));

        HttpResponse<String> raw = proxy.post("/v1/messages", STREAMED);

        assertThat(raw.statusCode()).isEqualTo(401);
        assertThat(raw.body()).contains("authentication_error").contains("OPENROUTER_API_KEY").doesNotContain(KEY);
        assertServesNext();
    }

    @Test
    void moderationAndRateLimitKeepTheirTypes() {
        upstream.enqueue(MockResponse.json(403, "{\"error\":{\"code\":403,\"message\":\"Input flagged\","
                + "\"metadata\":{\"reasons\":[\"violence\"]}}}"));
        HttpResponse<String> moderated = proxy.post("/v1/messages", STREAMED);
        assertThat(moderated.statusCode()).isEqualTo(403);
        assertThat(moderated.body()).contains("permission_error").contains("reasons: violence");

        upstream.enqueue(MockResponse.json(429, OpenAiFixtures.openRouterErrorBody(429, "Rate limit exceeded"))
                .withHeader("retry-after", "20"));
        HttpResponse<String> limited = proxy.post("/v1/messages", STREAMED);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("rate_limit_error").contains("retry after 20 s");
        assertServesNext();
    }

    @Test
    void modelsAreOpenRoutersModels() throws Exception {
        upstream.enqueue(MockOpenAiServer.MODELS, MockResponse.json(200,
                OpenAiFixtures.modelsJson("qwen/qwen3-coder", "moonshotai/kimi-k2")));

        HttpResponse<String> models = proxy.get("/v1/models");

        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(models.body()).path("data").findValuesAsText("id"))
                .containsExactly("qwen/qwen3-coder", "moonshotai/kimi-k2");
        RecordedRequest seen = upstream.takeRequest(Duration.ofSeconds(5));
        assertThat(seen.path()).isEqualTo("/v1/models");
        assertThat(seen.header("authorization")).isEqualTo("Bearer " + KEY);
    }

    private static void assertServesNext() {
        upstream.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks("ok")));
        HttpResponse<String> next = proxy.post("/v1/messages", STREAMED.replace("\"stream\":true,", ""));
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        assertThat(next.body()).contains("\"text\":\"ok\"");
    }
}
