package dev.anyclaude.plugins.openai.translate;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.plugins.openai.wire.ChatChunk;
import dev.anyclaude.plugins.openai.wire.ChatResponse;
import dev.anyclaude.plugins.openai.wire.ToolCallDelta;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a non-streamed OpenAI chat completion into the same Anthropic events a stream would give, by
 * replaying it through a {@link StreamTranslator} as one chunk. Every answer thus takes one path, with the same
 * repairs (tool names, arguments, stop reason, usage). Stateless.
 *
 * <pre>{@code
 * List<StreamEvent> events = ResponseTranslator.translate(json.readResponse(body),
 *         StreamTranslator.of("gpu-box", call.model(), translation, ids, json));
 * }</pre>
 */
public final class ResponseTranslator {
    private ResponseTranslator() {
    }

    /**
     * The events of this answer, from {@code message_start} to {@code message_stop}.
     *
     * @param translator a fresh translator for this answer
     * @throws AnthropicException when the body is an {@code error} instead of an answer
     */
    public static List<StreamEvent> translate(ChatResponse response, StreamTranslator translator) {
        if (response.error() != null) {
            return translator.onUpstreamError(response.error());
        }
        ChatResponse.Choice choice = response.choices().stream()
                .filter(c -> c.index() == null || c.index() == 0).findFirst().orElse(null);
        List<ChatChunk.Choice> choices = choice == null ? List.of()
                : List.of(new ChatChunk.Choice(0, delta(choice.message()), choice.finishReason()));
        List<StreamEvent> events = new ArrayList<>(translator.onChunk(
                new ChatChunk(response.id(), "chat.completion.chunk", response.model(), choices, response.usage(),
                        null)));
        events.addAll(translator.onDone());
        return events;
    }

    private static ChatChunk.Delta delta(ChatResponse.Message message) {
        if (message == null) {
            return null;
        }
        // Whole calls carry no index; their position keeps two calls without ids apart.
        List<ToolCallDelta> calls = new ArrayList<>();
        for (int i = 0; i < message.toolCalls().size(); i++) {
            ToolCallDelta call = message.toolCalls().get(i);
            calls.add(new ToolCallDelta(i, call.id(), call.type(), call.function()));
        }
        return new ChatChunk.Delta(message.role(), message.content(), message.reasoning(),
                message.reasoningContent(), message.refusal(), calls);
    }
}
