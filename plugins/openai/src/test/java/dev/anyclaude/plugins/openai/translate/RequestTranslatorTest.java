package dev.anyclaude.plugins.openai.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.model.Content;
import dev.anyclaude.api.model.InputMessage;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.Tool;
import dev.anyclaude.plugins.openai.wire.ChatRequest;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTranslatorTest {
    private final RequestTranslator translator = new RequestTranslator(TranslationOptions.defaults(), new OpenAiJson());

    private static MessagesRequest hi(boolean stream) {
        return MessagesRequest.of("qwen3-coder", 100, List.of(new InputMessage("user", Content.of("hi"))))
                .withStream(stream);
    }

    @Test
    void aStreamingClientsRequestStreamsUpstreamWithUsage() {
        ChatRequest chat = translator.translate(hi(true)).request();

        assertThat(chat.model()).isEqualTo("qwen3-coder");
        assertThat(chat.stream()).isTrue();
        assertThat(chat.streamOptions().includeUsage()).isTrue();
    }

    @Test
    void aNonStreamingClientsRequestAsksForOneCompletionWithoutStreamOptions() {
        ChatRequest chat = translator.translate(hi(false)).request();

        assertThat(chat.stream()).isFalse();
        assertThat(chat.streamOptions()).isNull();
    }

    @Test
    void alwaysStreamAsksForAStreamForEveryClient() {
        RequestTranslator always = new RequestTranslator(TranslationOptions.builder().alwaysStream(true).build(),
                new OpenAiJson());

        ChatRequest chat = always.translate(hi(false)).request();

        assertThat(chat.stream()).isTrue();
        assertThat(chat.streamOptions().includeUsage()).isTrue();
    }

    @Test
    void theTranslationCarriesTheNameMappingAndAnEstimate() {
        String longName = "mcp__server__" + "x".repeat(80);
        MessagesRequest request = new MessagesRequest("m", 100, List.of(new InputMessage("user", Content.of("hello there"))),
                null, null, null, null, null, true, List.of(Tool.of(longName, "d", Map.of("type", "object"))),
                null, null, null, null, null, null, Map.of());

        Translation translation = translator.translate(request);

        String upstream = translation.request().tools().getFirst().function().name();
        assertThat(upstream).hasSize(64);
        assertThat(translation.toolNames().client(upstream)).isEqualTo(longName);
        assertThat(translation.estimatedInputTokens()).isPositive();
    }

    @Test
    void aRequestWithoutMessagesIsRejected() {
        MessagesRequest request = new MessagesRequest("m", 1, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, Map.of());
        assertThatThrownBy(() -> translator.translate(request)).isInstanceOf(AnthropicException.class)
                .hasMessageContaining("messages");
    }
}
