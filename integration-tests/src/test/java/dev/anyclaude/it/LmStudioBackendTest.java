package dev.anyclaude.it;

import static dev.anyclaude.it.OllamaBackendTest.CLAUDE_CODE_LIKE;
import static dev.anyclaude.it.OllamaBackendTest.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.models.messages.Message;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockOpenAiServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.OpenAiFixtures;
import dev.anyclaude.testkit.RecordedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The official Anthropic Java SDK through the proxy's {@code lmstudio} backend (loaded by PF4J from its JAR with
 * the anthropic and openai plugin JARs it depends on) to mocks of LM Studio's server: 0.4.1+ with its native
 * {@code /v1/messages}, older versions with only the OpenAI endpoints, a forced API, the model list and no
 * server at all.
 */
class LmStudioBackendTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AutoCloseable upstream;
    private ProxyFixture proxy;
    private AnthropicClient sdk;

    private void startProxy(String backendJson) {
        proxy = ProxyFixture.start("{\"backend\":\"lms\",\"backends\":{\"lms\":" + backendJson + "}}");
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

    @Test
    void aServerWithTheNativeEndpointIsDetectedAndKeptAndGetsTheKey() throws Exception {
        MockAnthropicServer lms = new MockAnthropicServer().start();
        upstream = lms;
        lms.dispatch(MockAnthropicServer.MESSAGES, StrictAnthropicCompatible.answering("Hi from LM Studio."));
        startProxy("{\"type\":\"lmstudio\",\"baseUrl\":\"" + lms.baseUrl() + "\",\"apiKey\":\"lms-token\","
                + "\"model\":\"qwen/qwen3-coder-30b\"}");

        Message first = stream(sdk, CLAUDE_CODE_LIKE);
        Message second = sdk.messages().create(CLAUDE_CODE_LIKE);

        assertThat(first.content().getFirst().text().orElseThrow().text()).isEqualTo("Hi from LM Studio.");
        assertThat(second.content().getFirst().text().orElseThrow().text()).isEqualTo("Hi from LM Studio.");
        RecordedRequest seen = lms.takeRequest(Duration.ofSeconds(5));
        assertThat(seen.path()).isEqualTo("/v1/messages");
        assertThat(seen.header("authorization")).isEqualTo("Bearer lms-token");
        assertThat(ClaudeCodeRequests.body(seen).path("model").asText()).isEqualTo("qwen/qwen3-coder-30b");
        assertThat(lms.takeRequest(Duration.ofSeconds(5)).path()).isEqualTo("/v1/messages");
    }

    @Test
    void anOlderServerThatAnswersUnexpectedEndpointIsSpokenToInOpenAi() throws Exception {
        MockOpenAiServer lms = new MockOpenAiServer().start();
        upstream = lms;
        lms.setDefault(MockAnthropicServer.MESSAGES, MockResponse.json(200,
                "{\"error\":\"Unexpected endpoint or method. (POST /v1/messages)\"}"));
        lms.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks("Translated", " answer.")));
        startProxy("{\"type\":\"lmstudio\",\"baseUrl\":\"" + lms.baseUrl() + "\"}");

        Message message = stream(sdk, CLAUDE_CODE_LIKE);

        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("Translated answer.");
        assertThat(lms.takeRequest(Duration.ofSeconds(5)).path()).isEqualTo("/v1/messages");
        RecordedRequest chat = lms.takeRequest(Duration.ofSeconds(5));
        assertThat(chat.path()).isEqualTo("/v1/chat/completions");
        assertThat(JSON.readTree(chat.body()).path("messages").get(0).path("role").asText()).isEqualTo("system");
    }

    @Test
    void anOlderServerThatAnswers404IsSpokenToInOpenAi() throws Exception {
        MockOpenAiServer lms = new MockOpenAiServer().start();
        upstream = lms;
        lms.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks("Fallback.")));
        startProxy("{\"type\":\"lmstudio\",\"baseUrl\":\"" + lms.baseUrl() + "\"}");

        Message message = sdk.messages().create(CLAUDE_CODE_LIKE);

        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("Fallback.");
    }

    @Test
    void forcedAnthropicNeverFallsBack() throws Exception {
        MockOpenAiServer lms = new MockOpenAiServer().start();
        upstream = lms;
        startProxy("{\"type\":\"lmstudio\",\"api\":\"anthropic\",\"baseUrl\":\"" + lms.baseUrl() + "\"}");

        assertThatThrownBy(() -> sdk.messages().create(CLAUDE_CODE_LIKE)).isInstanceOf(NotFoundException.class);
        assertThat(lms.takeRequest(Duration.ofSeconds(5)).path()).isEqualTo("/v1/messages");
        assertThat(lms.takeRequest(Duration.ZERO)).isNull();
    }

    @Test
    void forcedOpenAiNeverTriesTheNativeEndpoint() throws Exception {
        MockOpenAiServer lms = new MockOpenAiServer().start();
        upstream = lms;
        lms.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks("Forced.")));
        startProxy("{\"type\":\"lmstudio\",\"api\":\"openai\",\"baseUrl\":\"" + lms.baseUrl() + "/v1\"}");

        assertThat(stream(sdk, CLAUDE_CODE_LIKE).content().getFirst().text().orElseThrow().text()).isEqualTo("Forced.");
        assertThat(lms.takeRequest(Duration.ofSeconds(5)).path()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void modelsComeFromV1Models() throws Exception {
        MockOpenAiServer lms = new MockOpenAiServer().start();
        upstream = lms;
        lms.setDefault(MockOpenAiServer.MODELS, MockResponse.json(200,
                OpenAiFixtures.modelsJson("qwen/qwen3-coder-30b", "openai/gpt-oss-20b")));
        startProxy("{\"type\":\"lmstudio\",\"baseUrl\":\"" + lms.baseUrl() + "\"}");

        HttpResponse<String> response = proxy.get("/v1/models");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode data = JSON.readTree(response.body()).path("data");
        assertThat(data).hasSize(2);
        assertThat(data.get(0).path("id").asText()).isEqualTo("qwen/qwen3-coder-30b");
        assertThat(data.get(1).path("id").asText()).isEqualTo("openai/gpt-oss-20b");
    }

    @Test
    void withNothingListeningTheErrorSaysHowToStartTheServer() throws Exception {
        String url = "http://127.0.0.1:" + OllamaBackendTest.freePort();
        startProxy("{\"type\":\"lmstudio\",\"baseUrl\":\"" + url + "\"}");

        assertThatThrownBy(() -> stream(sdk, CLAUDE_CODE_LIKE))
                .isInstanceOf(AnthropicServiceException.class)
                .hasMessageContaining("lms server start").hasMessageContaining(url);
        HttpResponse<String> models = proxy.get("/v1/models");
        assertThat(models.statusCode()).isEqualTo(502);
        assertThat(models.body()).contains("lms server start", url);
    }
}
