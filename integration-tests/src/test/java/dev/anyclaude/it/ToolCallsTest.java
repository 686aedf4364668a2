package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.anyclaude.testkit.MockOpenAiServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.OpenAiFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code toolCalls} middleware through the proxy, on by default: a model behind the openai backend prints a
 * tool call as text (Hermes, Mistral), and the official Anthropic SDK receives a {@code tool_use} block, streamed
 * and whole. A backend with {@code "toolCalls": "off"} passes the text on.
 */
class ToolCallsTest {
    private static final String PRINTED =
            "<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"README.md\"}}</tool_call>";
    private static final MessageCreateParams PARAMS = MessageCreateParams.builder()
            .model("qwen3").maxTokens(1024).addUserMessage("Read the readme")
            .addTool(Tool.builder().name("Read").description("Reads a file")
                    .inputSchema(Tool.InputSchema.builder()
                            .properties(JsonValue.from(Map.of("file_path", Map.of("type", "string"))))
                            .required(List.of("file_path")).build())
                    .build())
            .build();

    private static MockOpenAiServer upstream;
    private static ProxyFixture proxy;
    private static AnthropicClient sdk;

    @BeforeAll
    static void start() {
        upstream = new MockOpenAiServer().start();
        // No "toolCalls" key for "local": the middleware is on by default for every backend but Anthropic's API.
        proxy = ProxyFixture.start("{\"backend\":\"local\",\"backends\":{\"local\":{\"type\":\"openai\","
                + "\"baseUrl\":\"" + upstream.baseUrl() + "/v1\",\"apiKey\":\"k\"},"
                + "\"plain\":{\"type\":\"openai\",\"toolCalls\":\"off\",\"baseUrl\":\"" + upstream.baseUrl()
                + "/v1\",\"apiKey\":\"k\"}}}");
        sdk = AnthropicOkHttpClient.builder().baseUrl(proxy.url()).apiKey("client-key").maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stop() {
        sdk.close();
        proxy.close();
        upstream.close();
    }

    @Test
    void printedCallReachesTheSdkAsToolUseWhenStreamed() {
        upstream.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks(
                "I will read it.\n", PRINTED.substring(0, 7), PRINTED.substring(7, 40), PRINTED.substring(40))));

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> events = sdk.messages().createStreaming(PARAMS)) {
            events.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();

        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("I will read it.");
        var use = message.content().get(1).toolUse().orElseThrow();
        assertThat(use.id()).startsWith("toolu_");
        assertThat(use.name()).isEqualTo("Read");
        assertThat(use._input().convert(Map.class)).isEqualTo(Map.of("file_path", "README.md"));
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }

    @Test
    void printedCallReachesANonStreamingClient() {
        upstream.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks(PRINTED)));

        Message message = sdk.messages().create(PARAMS);

        assertThat(message.content()).hasSize(1);
        assertThat(message.content().getFirst().toolUse().orElseThrow().name()).isEqualTo("Read");
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }

    @Test
    void aMistralCallSplitAcrossChunksReachesTheSdkAsToolUse() {
        String printed = "[TOOL_CALLS]Read[ARGS]{\"file_path\": \"README.md\"}";
        upstream.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks(
                printed.substring(0, 5), printed.substring(5, 17), printed.substring(17))));

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> events = sdk.messages().createStreaming(PARAMS)) {
            events.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();

        assertThat(message.content()).hasSize(1);
        assertThat(message.content().getFirst().toolUse().orElseThrow()._input().convert(Map.class))
                .isEqualTo(Map.of("file_path", "README.md"));
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }

    @Test
    void aBackendWithToolCallsOffPassesThePrintedCallOnAsText() {
        upstream.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks(PRINTED)));

        Message message = sdk.messages().create(PARAMS.toBuilder().model("plain,qwen3").build());

        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo(PRINTED);
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
    }
}
