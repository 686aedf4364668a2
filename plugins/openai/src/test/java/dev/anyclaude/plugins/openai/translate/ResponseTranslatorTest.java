package dev.anyclaude.plugins.openai.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseTranslatorTest {
    private final OpenAiJson json = new OpenAiJson();

    @Test
    void aWholeAnswerBecomesTheSameEventsAStreamWould() {
        String body = """
                {"id":"chatcmpl-9","object":"chat.completion","model":"qwen","choices":[{"index":0,"message":{
                  "role":"assistant","reasoning_content":"Two files.","content":"Reading both.",
                  "tool_calls":[
                    {"id":"call_1","type":"function","function":{"name":"Read","arguments":"{\\"file_path\\":\\"a\\"}"}},
                    {"type":"function","function":{"name":"Read","arguments":{"file_path":"b"}}}]},
                  "finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":120,"completion_tokens":30,"prompt_tokens_details":{"cached_tokens":100}}}""";

        List<StreamEvent> events = ResponseTranslator.translate(json.readResponse(bytes(body)), SseReplay.translator(3));

        List<Map<String, Object>> blocks = EventSequenceCheck.assertWellFormed(events);
        assertThat(blocks).extracting(block -> block.get("type")).containsExactly("thinking", "text", "tool_use", "tool_use");
        assertThat(blocks.get(2)).containsEntry("id", "call_1").containsEntry("input", Map.of("file_path", "a"));
        assertThat(blocks.get(3).get("id").toString()).startsWith("toolu_");
        assertThat(blocks.get(3)).containsEntry("input", Map.of("file_path", "b"));
        StreamEvent.MessageDelta delta = (StreamEvent.MessageDelta) events.get(events.size() - 2);
        assertThat(delta.delta().stopReason()).isEqualTo("tool_use");
        assertThat(delta.usage().inputTokens()).isEqualTo(20);
        assertThat(delta.usage().cacheReadInputTokens()).isEqualTo(100);
    }

    @Test
    void anAnswerWithoutChoicesIsAnEmptyTurn() {
        List<StreamEvent> events = ResponseTranslator.translate(json.readResponse(bytes("{\"choices\":[]}")),
                SseReplay.translator(3));
        assertThat(events).hasSize(3);
        EventSequenceCheck.assertWellFormed(events);
    }

    @Test
    void anErrorBodyIsThrown() {
        assertThatThrownBy(() -> ResponseTranslator.translate(json.readResponse(bytes(
                "{\"error\":{\"message\":\"model is loading\",\"type\":\"overloaded_error\"}}")), SseReplay.translator(3)))
                .isInstanceOfSatisfying(AnthropicException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.OVERLOADED));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
