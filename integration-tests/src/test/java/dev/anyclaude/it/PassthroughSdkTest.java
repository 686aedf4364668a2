package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.RecordedRequest;
import dev.anyclaude.testkit.SseResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
 * The official Anthropic Java SDK as the client, the proxy's Anthropic passthrough in the middle, and a mock
 * Anthropic upstream that is a real HTTP server emitting real SSE. What the SDK parses is asserted, and on this
 * lane the bytes a client gets are exactly the bytes the upstream sent.
 */
class PassthroughSdkTest {
    private static MockAnthropicServer upstream;
    private static ProxyFixture proxy;
    private static AnthropicClient sdk;

    private static final MessageCreateParams PARAMS = MessageCreateParams.builder()
            .model("claude-sonnet-4-5").maxTokens(1024).addUserMessage("Say hi").build();

    @BeforeAll
    static void start() {
        upstream = new MockAnthropicServer().start();
        proxy = ProxyFixture.anthropic(upstream.baseUrl());
        sdk = AnthropicOkHttpClient.builder().baseUrl(proxy.url()).apiKey("sk-ant-test-key").maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stop() {
        sdk.close();
        proxy.close();
        upstream.close();
    }

    @AfterEach
    void drainRecordedRequests() throws InterruptedException {
        while (upstream.takeRequest(Duration.ZERO) != null) {
            // each test asserts on its own requests only
        }
    }

    @Test
    void nonStreamingAnswerIsParsedByTheSdk() throws InterruptedException {
        upstream.enqueue(MockResponse.json(200, AnthropicFixtures.messageJson()).withHeader("request-id", "req_up_1"));

        Message message = sdk.messages().create(PARAMS);

        assertThat(message.id()).isEqualTo("msg_01A");
        assertThat(message.content()).hasSize(1);
        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("Hi there.");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isEqualTo(5);
        RecordedRequest seen = upstream.takeRequest(Duration.ofSeconds(5));
        assertThat(seen.path()).isEqualTo("/v1/messages");
        assertThat(seen.bodyUtf8()).contains("\"model\":\"claude-sonnet-4-5\"");
    }

    @Test
    void textStreamIsParsedEventByEvent() {
        upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames()));

        List<RawMessageStreamEvent> events = new ArrayList<>();
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = sdk.messages().createStreaming(PARAMS)) {
            stream.stream().forEach(event -> {
                events.add(event);
                accumulator.accumulate(event);
            });
        }

        assertThat(events).hasSize(6); // the SDK drops ping
        Message message = accumulator.message();
        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("Hi there.");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
    }

    @Test
    void toolUseStreamedWithInputJsonDeltaArrivesAsOneToolCall() {
        upstream.enqueue(MockResponse.sse(AnthropicFixtures.toolUseStreamFrames()));

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = sdk.messages().createStreaming(PARAMS)) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message message = accumulator.message();
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        ContentBlock block = message.content().getFirst();
        assertThat(block.toolUse()).isPresent();
        assertThat(block.toolUse().get().id()).isEqualTo("toolu_01X");
        assertThat(block.toolUse().get().name()).isEqualTo("Read");
        @SuppressWarnings("unchecked")
        Map<String, Object> input = (Map<String, Object>) block.toolUse().get()._input().convert(Map.class);
        assertThat(input).containsEntry("file_path", "README.md");
    }

    @Test
    void thinkingBlocksKeepTheirTextAndSignature() {
        upstream.enqueue(MockResponse.sse(AnthropicFixtures.thinkingStreamFrames()));

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = sdk.messages().createStreaming(PARAMS)) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message message = accumulator.message();
        assertThat(message.content()).hasSize(2);
        var thinking = message.content().getFirst().thinking().orElseThrow();
        assertThat(thinking.thinking()).isEqualTo("Two plus two is four.");
        assertThat(thinking.signature()).isEqualTo("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl");
        assertThat(message.content().get(1).text().orElseThrow().text()).isEqualTo("4");
    }

    @Test
    void upstream401ReachesTheSdkAsUnauthorized() {
        upstream.enqueue(AnthropicFixtures.errorResponse(401, "invalid x-api-key"));
        assertThatThrownBy(() -> sdk.messages().create(PARAMS))
                .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("invalid x-api-key");
                });
    }

    @Test
    void upstream429ReachesTheSdkWithItsRetryAfter() {
        upstream.enqueue(AnthropicFixtures.errorResponse(429, "rate limited").withHeader("retry-after", "7"));
        assertThatThrownBy(() -> sdk.messages().create(PARAMS))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("retry-after")).containsExactly("7");
                });
    }

    @Test
    void upstream529ReachesTheSdkAsOverloaded() {
        upstream.enqueue(AnthropicFixtures.errorResponse(529, "Overloaded"));
        assertThatThrownBy(() -> sdk.messages().create(PARAMS))
                .isInstanceOfSatisfying(OverloadedException.class, e -> assertThat(e.statusCode()).isEqualTo(529));
    }

    @Test
    void errorEventInsideA200StreamReachesTheSdkAsAnError() {
        upstream.enqueue(MockResponse.sse(AnthropicFixtures.midStreamErrorFrames()));

        List<RawMessageStreamEvent> events = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (StreamResponse<RawMessageStreamEvent> stream = sdk.messages().createStreaming(PARAMS)) {
                stream.stream().forEach(events::add);
            }
        }).isInstanceOf(AnthropicServiceException.class).hasMessageContaining("Overloaded");
        assertThat(events).hasSize(3);
    }

    @Test
    void streamedBytesEqualTheUpstreamsBytes() throws Exception {
        SseResponse answer = MockResponse.sse(AnthropicFixtures.toolUseStreamFrames());
        upstream.enqueue(answer);

        HttpResponse<byte[]> response = rawPost("{\"model\":\"m\",\"max_tokens\":5,\"stream\":true,\"messages\":[]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(response.body()).isEqualTo(answer.bodyBytes());
    }

    @Test
    void jsonAndErrorBytesEqualTheUpstreamsBytes() throws Exception {
        var ok = MockResponse.json(200, AnthropicFixtures.messageJson());
        var overloaded = AnthropicFixtures.errorResponse(529, "Overloaded");
        upstream.enqueue(ok);
        upstream.enqueue(overloaded);

        HttpResponse<byte[]> first = rawPost("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}");
        HttpResponse<byte[]> second = rawPost("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}");

        assertThat(first.body()).isEqualTo(ok.bodyBytes());
        assertThat(second.statusCode()).isEqualTo(529);
        assertThat(second.body()).isEqualTo(overloaded.bodyBytes());
        assertThat(second.headers().firstValue("request-id")).hasValue("req_mock_error");
    }

    private static HttpResponse<byte[]> rawPost(String body) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return client.send(HttpRequest.newBuilder(URI.create(proxy.url() + "/v1/messages"))
                    .header("x-api-key", "k").header("anthropic-version", "2023-06-01")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }
}
