package dev.anyclaude.plugins.openai.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiJsonTest {
    private final OpenAiJson json = new OpenAiJson();

    private static ChatRequest request() {
        return new ChatRequest("qwen", List.of(ChatMessage.user("hi")), 1024, null, 0.5, null, null, true,
                new ChatRequest.StreamOptions(true), null, null, null, "medium", Map.of("top_k", 20));
    }

    @Test
    void writesOnlyWhatIsSetWithExtraFieldsLast() {
        assertThat(new String(json.writeRequest(request(), null), StandardCharsets.UTF_8)).isEqualTo(
                "{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":1024,"
                        + "\"temperature\":0.5,\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"reasoning_effort\":\"medium\",\"top_k\":20}");
    }

    @Test
    void extraBodyMergesDeepOverridesAndRemoves() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("chat_template_kwargs", Map.of("enable_thinking", false));
        extra.put("stream_options", Map.of("include_obfuscation", false));
        extra.put("temperature", 0.7);
        extra.put("reasoning_effort", null);
        extra.put("top_k", null);

        var tree = json.toTree(request(), extra);

        assertThat(tree.get("chat_template_kwargs").get("enable_thinking").asBoolean()).isFalse();
        assertThat(tree.get("stream_options").toString()).isEqualTo("{\"include_usage\":true,\"include_obfuscation\":false}");
        assertThat(tree.get("temperature").asDouble()).isEqualTo(0.7);
        assertThat(tree.has("reasoning_effort")).isFalse();
        assertThat(tree.has("top_k")).isFalse();
        assertThat(tree.get("model").asText()).isEqualTo("qwen");
    }

    @Test
    void streamOptionsFromExtraBodyNeverGoWithARequestThatDoesNotStream() {
        ChatRequest single = new ChatRequest("qwen", List.of(ChatMessage.user("hi")), 1024, null, null, null, null,
                false, null, null, null, null, null, Map.of());

        var tree = json.toTree(single, Map.of("stream_options", Map.of("include_usage", true), "top_k", 20));

        assertThat(tree.has("stream_options")).isFalse();
        assertThat(tree.get("stream").asBoolean(true)).isFalse();
        assertThat(tree.get("top_k").asInt()).isEqualTo(20);
    }

    @Test
    void assistantMessagesWithOnlyToolCallsStillCarryAContentKey() {
        ChatMessage message = new ChatMessage("assistant", null, null, List.of(ToolCall.of("c1", "Read", "{}")), null);
        assertThat(json.write(message)).isEqualTo("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":"
                + "[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"Read\",\"arguments\":\"{}\"}}]}");
    }

    @Test
    void aJsonNullIsNotACompletionNorAChunk() {
        // Jackson reads a bare null as no value: the translation then failed with a NullPointerException.
        byte[] nothing = "null".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> json.readResponse(nothing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed JSON: null instead of an object");
        assertThatThrownBy(() -> json.readChunk("null")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> json.readChunk(nothing, 0, nothing.length)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsChunksTolerantly() {
        ChatChunk chunk = json.readChunk("""
                {"id":"x","object":"chat.completion.chunk","created":1,"model":"m","system_fingerprint":null,
                 "timings":{"predicted_ms":1.5},"choices":[{"index":0,"logprobs":null,"finish_reason":null,
                 "delta":{"role":"assistant","content":null,"reasoning":"r","tool_calls":[{"index":0,"id":"c",
                 "type":"function","function":{"name":"Read","arguments":{"file_path":"a"}}}, null]}}],"usage":null}""");

        ChatChunk.Delta delta = chunk.choices().getFirst().delta();
        assertThat(delta.content()).isNull();
        assertThat(delta.reasoning()).isEqualTo("r");
        assertThat(delta.toolCalls()).hasSize(1);
        assertThat(delta.toolCalls().getFirst().arguments()).isEqualTo("{\"file_path\":\"a\"}");
        assertThat(chunk.usage()).isNull();
    }

    @Test
    void readsUsageOnlyChunksAndTheirDetails() {
        ChatChunk chunk = json.readChunk("""
                {"object":"chat.completion","choices":[],"usage":{"prompt_tokens":10,"completion_tokens":5,
                 "total_tokens":15,"prompt_tokens_details":{"cached_tokens":3},
                 "completion_tokens_details":{"reasoning_tokens":2}}}""");
        assertThat(chunk.choices()).isEmpty();
        assertThat(chunk.usage().cachedTokens()).isEqualTo(3);
        assertThat(chunk.usage().completionTokensDetails().reasoningTokens()).isEqualTo(2);
        assertThat(json.readChunk("{}").choices()).isEmpty();
    }

    @Test
    void readsErrorsAsObjectsOrStrings() {
        assertThat(json.readChunk("{\"error\":\"Only 'text' content type is supported.\"}").error().message())
                .isEqualTo("Only 'text' content type is supported.");
        UpstreamError error = json.readChunk(
                "{\"error\":{\"code\":\"503\",\"message\":\"m\",\"metadata\":{\"provider_name\":\"P\"}}}").error();
        assertThat(error.status()).isEqualTo(503);
        assertThat(error.metadata()).containsEntry("provider_name", "P");
        assertThat(new UpstreamError("m", null, "context_length_exceeded", null, null).status()).isNull();
    }

    @Test
    void malformedJsonIsAnIllegalArgument() {
        assertThatThrownBy(() -> json.readChunk("{\"choices\":[")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed JSON");
        assertThatThrownBy(() -> json.readResponse("nope".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
