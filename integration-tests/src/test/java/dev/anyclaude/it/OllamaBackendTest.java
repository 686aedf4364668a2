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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.testkit.HeaderFields;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockOpenAiServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.OpenAiFixtures;
import dev.anyclaude.testkit.RecordedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The official Anthropic Java SDK through the proxy's {@code ollama} backend (a plugin JAR that PF4J loads with
 * its dependencies, the anthropic and openai plugin JARs) to mocks of Ollama: its native {@code /v1/messages},
 * strict about what only Anthropic accepts; an older Ollama without it (404, then {@code /v1/chat/completions});
 * its model list at {@code /api/tags}; and no Ollama at all.
 */
class OllamaBackendTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A Claude Code-shaped request: a system item in messages, betas, output_config, context_management. */
    static final MessageCreateParams CLAUDE_CODE_LIKE = MessageCreateParams.builder()
            .model("claude-opus-5-5").maxTokens(32000).system("Be brief.")
            .addUserMessage("Say hi")
            .addSystemMessage("Environment: linux")
            .putAdditionalBodyProperty("output_config", JsonValue.from(Map.of("effort", "medium")))
            .putAdditionalBodyProperty("context_management", JsonValue.from(Map.of("edits", List.of())))
            .putAdditionalBodyProperty("thinking", JsonValue.from(Map.of("type", "adaptive", "display", "omitted")))
            .putAdditionalHeader("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14")
            .build();

    private AutoCloseable upstream;
    private ProxyFixture proxy;
    private AnthropicClient sdk;

    private void startProxy(String backendJson) {
        proxy = ProxyFixture.start("{\"backend\":\"local\",\"backends\":{\"local\":" + backendJson + "}}");
        sdk = AnthropicOkHttpClient.builder().baseUrl(proxy.url()).apiKey("client-key").maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @AfterEach
    void stop() throws Exception {
        if (sdk != null) {
            sdk.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    static Message stream(AnthropicClient sdk, MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> events = sdk.messages().createStreaming(params)) {
            events.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void nativeEndpointGetsARequestItAcceptsAndTheSdkItsAnswer() throws Exception {
        MockAnthropicServer ollama = new MockAnthropicServer().start();
        upstream = ollama;
        ollama.dispatch(MockAnthropicServer.MESSAGES, StrictAnthropicCompatible.answering("Hi from Ollama."));
        startProxy("{\"type\":\"ollama\",\"baseUrl\":\"" + ollama.baseUrl() + "\",\"model\":\"qwen3-coder:30b\"}");

        Message streamed = stream(sdk, CLAUDE_CODE_LIKE);
        Message whole = sdk.messages().create(CLAUDE_CODE_LIKE);

        assertThat(streamed.content().getFirst().text().orElseThrow().text()).isEqualTo("Hi from Ollama.");
        assertThat(whole.content().getFirst().text().orElseThrow().text()).isEqualTo("Hi from Ollama.");
        RecordedRequest seen = ollama.takeRequest(Duration.ofSeconds(5));
        assertThat(seen.path()).isEqualTo("/v1/messages");
        assertThat(seen.header("x-api-key")).isNull();
        assertThat(seen.header("authorization")).isNull();
        JsonNode body = ClaudeCodeRequests.body(seen);
        assertThat(body.path("model").asText()).isEqualTo("qwen3-coder:30b");
        assertThat(body.path("system").toString()).contains("Be brief.", "Environment: linux");
        assertThat(body.path("thinking").path("type").asText()).isEqualTo("enabled");
    }

    @Test
    void theWholeClaudeCodeRequestIsAcceptedByTheStrictServer() throws Exception {
        MockAnthropicServer ollama = new MockAnthropicServer().start();
        upstream = ollama;
        ollama.dispatch(MockAnthropicServer.MESSAGES, StrictAnthropicCompatible.answering("ok"));
        startProxy("{\"type\":\"ollama\",\"baseUrl\":\"" + ollama.baseUrl() + "\"}");
        Path fixture = Path.of(System.getProperty("anyclaude.test.classes"),
                "proxy-core/src/test/resources/fixtures/claude-code-request.json");

        HttpResponse<String> response = proxy.post("/v1/messages?beta=true", Files.readString(fixture),
                "anthropic-version", "2023-06-01", "anthropic-beta", "claude-code-20250219,context-management-2025-06-27",
                "x-api-key", "client-key");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("event: message_stop");
        assertThat(ollama.takeRequest(Duration.ofSeconds(5)).queryString()).isEqualTo("beta=true");
    }

    @Test
    void theStrictMockReallyRejectsTheUnchangedRequest() throws Exception {
        MockAnthropicServer ollama = new MockAnthropicServer().start();
        upstream = ollama;
        ollama.dispatch(MockAnthropicServer.MESSAGES, StrictAnthropicCompatible.answering("ok"));
        startProxy("{\"type\":\"anthropic\",\"baseUrl\":\"" + ollama.baseUrl() + "\",\"apiKeyEnv\":\"ANYCLAUDE_NONE\"}");

        assertThatThrownBy(() -> sdk.messages().create(CLAUDE_CODE_LIKE))
                .isInstanceOf(AnthropicServiceException.class).hasMessageContaining("anthropic-beta");
    }

    @Test
    void anOllamaWithoutTheAnthropicEndpointIsSpokenToInOpenAiFromThenOn() throws Exception {
        MockOpenAiServer ollama = new MockOpenAiServer().start();
        upstream = ollama;
        ollama.setDefault(MockAnthropicServer.MESSAGES, MockResponse.raw(404,
                HeaderFields.of(List.of(new HeaderFields.Field("content-type", "text/plain"))),
                "404 page not found".getBytes(StandardCharsets.UTF_8)));
        ollama.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks("Hi", " from the old one.")));
        ollama.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks("Again.")));
        startProxy("{\"type\":\"ollama\",\"baseUrl\":\"" + ollama.baseUrl() + "\",\"model\":\"llama3.1\"}");

        Message first = stream(sdk, CLAUDE_CODE_LIKE);
        Message second = sdk.messages().create(CLAUDE_CODE_LIKE);

        assertThat(first.content().getFirst().text().orElseThrow().text()).isEqualTo("Hi from the old one.");
        assertThat(second.content().getFirst().text().orElseThrow().text()).isEqualTo("Again.");
        List<String> paths = List.of(ollama.takeRequest(Duration.ofSeconds(5)).path(),
                ollama.takeRequest(Duration.ofSeconds(5)).path(), ollama.takeRequest(Duration.ofSeconds(5)).path());
        assertThat(paths).containsExactly("/v1/messages", "/v1/chat/completions", "/v1/chat/completions");
        assertThat(ollama.takeRequest(Duration.ZERO)).isNull();
    }

    @Test
    void forcedOpenAiNeverTriesTheNativeEndpoint() throws Exception {
        MockOpenAiServer ollama = new MockOpenAiServer().start();
        upstream = ollama;
        ollama.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks("Forced.")));
        startProxy("{\"type\":\"ollama\",\"api\":\"openai\",\"baseUrl\":\"" + ollama.baseUrl() + "\"}");

        assertThat(stream(sdk, CLAUDE_CODE_LIKE).content().getFirst().text().orElseThrow().text()).isEqualTo("Forced.");
        assertThat(ollama.takeRequest(Duration.ofSeconds(5)).path()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void modelsComeFromApiTags() throws Exception {
        MockAnthropicServer ollama = new MockAnthropicServer().start();
        upstream = ollama;
        ollama.setDefault("/api/tags", MockResponse.json(200, "{\"models\":[{\"name\":\"qwen3-coder:30b\","
                + "\"model\":\"qwen3-coder:30b\",\"modified_at\":\"2026-01-20T10:00:00.123456789-08:00\",\"size\":1},"
                + "{\"name\":\"gpt-oss:20b\",\"modified_at\":\"2026-01-19T09:00:00Z\"}]}"));
        startProxy("{\"type\":\"ollama\",\"baseUrl\":\"" + ollama.baseUrl() + "\"}");

        HttpResponse<String> response = proxy.get("/v1/models");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode data = JSON.readTree(response.body()).path("data");
        assertThat(data).hasSize(2);
        assertThat(data.get(0).path("id").asText()).isEqualTo("qwen3-coder:30b");
        assertThat(data.get(0).path("type").asText()).isEqualTo("model");
        assertThat(data.get(0).path("created_at").asText()).isEqualTo("2026-01-20T18:00:00.123456789Z");
        assertThat(data.get(1).path("id").asText()).isEqualTo("gpt-oss:20b");
        assertThat(ollama.takeRequest(Duration.ofSeconds(5)).path()).isEqualTo("/api/tags");
    }

    @Test
    void withNothingListeningTheErrorSaysHowToStartOllama() throws Exception {
        String url = "http://127.0.0.1:" + freePort();
        startProxy("{\"type\":\"ollama\",\"baseUrl\":\"" + url + "\"}");

        assertThatThrownBy(() -> sdk.messages().create(CLAUDE_CODE_LIKE))
                .isInstanceOf(AnthropicServiceException.class)
                .hasMessageContaining("ollama serve").hasMessageContaining(url);
        HttpResponse<String> models = proxy.get("/v1/models");
        assertThat(models.statusCode()).isEqualTo(502);
        assertThat(models.body()).contains("ollama serve", url);
    }
}
