package dev.anyclaude.plugins.openai.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.plugins.openai.wire.ChatChunk;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamTranslatorTest {
    private final OpenAiJson json = new OpenAiJson();

    @Test
    void anErrorBeforeAnyOutputIsThrownWithItsOwnType() {
        StreamTranslator translator = SseReplay.translator(1);
        assertThatThrownBy(() -> translator.onChunk(json.readChunk(
                "{\"error\":{\"code\":429,\"message\":\"Rate limit exceeded: free-models-per-day\"}}")))
                .isInstanceOfSatisfying(AnthropicException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.RATE_LIMIT);
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.getMessage()).isEqualTo(
                            "backend 'local' reported an error: Rate limit exceeded: free-models-per-day");
                });
        assertThat(translator.ended()).isTrue();
        assertThat(translator.onDone()).isEmpty();
    }

    @Test
    void anUpstreamThatClosesWithoutAnyChunkIsAnHttpError() {
        StreamTranslator translator = SseReplay.translator(1);
        assertThatThrownBy(translator::onEnd)
                .isInstanceOfSatisfying(AnthropicException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.API);
                    assertThat(e.getMessage()).isEqualTo(
                            "backend 'local': the stream ended before the answer was complete");
                });
    }

    @Test
    void aMalformedChunkMidStreamEndsTheAnswerWithAnError() {
        StreamTranslator translator = SseReplay.translator(1);
        List<StreamEvent> events = new ArrayList<>(translator.onChunk(json.readChunk(
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}")));
        events.addAll(translator.onFailure("a stream chunk was not valid JSON"));

        EventSequenceCheck.assertWellFormed(events);
        assertThat(events.getLast()).isEqualTo(new StreamEvent.Error(new StreamEvent.ErrorBody("api_error",
                "backend 'local': a stream chunk was not valid JSON")));
        assertThat(translator.onChunk(json.readChunk("{\"choices\":[{\"delta\":{\"content\":\"more\"}}]}"))).isEmpty();
        assertThat(translator.onDone()).isEmpty();
    }

    @Test
    void afterMessageStopNothingMoreIsSent() {
        StreamTranslator translator = SseReplay.translator(1);
        translator.onChunk(json.readChunk("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}"));
        assertThat(translator.onDone()).last().isInstanceOf(StreamEvent.MessageStop.class);
        assertThat(translator.ended()).isTrue();
        assertThat(translator.onEnd()).isEmpty();
        assertThat(translator.onFailure("late")).isEmpty();
    }

    @Test
    void onlyTheFirstChoiceIsRead() {
        StreamTranslator translator = SseReplay.translator(1);
        List<StreamEvent> events = new ArrayList<>(translator.onChunk(json.readChunk("""
                {"choices":[{"index":1,"delta":{"content":"other"}},{"index":0,"delta":{"content":"mine"}}]}""")));
        events.addAll(translator.onDone());

        assertThat(events).filteredOn(StreamEvent.ContentBlockDelta.class::isInstance)
                .extracting(e -> ((StreamEvent.ContentBlockDelta) e).delta())
                .containsExactly(new Delta.TextDelta("mine"));
    }

    @Test
    void theLastReportedUsageWins() {
        StreamTranslator translator = SseReplay.translator(1);
        translator.onChunk(json.readChunk("""
                {"choices":[{"index":0,"delta":{"content":"a"}}],"usage":{"prompt_tokens":10,"completion_tokens":1}}"""));
        translator.onChunk(json.readChunk("""
                {"choices":[{"index":0,"delta":{"content":"b"},"finish_reason":"stop"}],\
                "usage":{"prompt_tokens":10,"completion_tokens":2,"prompt_tokens_details":{"cached_tokens":4}}}"""));
        List<StreamEvent> end = translator.onDone();

        StreamEvent.MessageDelta delta = (StreamEvent.MessageDelta) end.get(end.size() - 2);
        assertThat(delta.usage().inputTokens()).isEqualTo(6);
        assertThat(delta.usage().outputTokens()).isEqualTo(2);
        assertThat(delta.usage().cacheReadInputTokens()).isEqualTo(4);
    }

    @Test
    void messageStartCarriesTheClientModelAndTheEstimate() {
        StreamTranslator translator = SseReplay.translator(1);
        StreamEvent.MessageStart start = (StreamEvent.MessageStart) translator.onChunk(json.readChunk(
                "{\"model\":\"qwen3-coder-30b\",\"choices\":[]}")).getFirst();
        assertThat(start.message().model()).isEqualTo(SseReplay.MODEL);
        assertThat(start.message().id()).startsWith("msg_").hasSize(28);
        assertThat(start.message().usage().inputTokens()).isEqualTo(SseReplay.ESTIMATE);
    }
}
