package com.example.anyclaude.echo;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Backend;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.InputMessage;
import dev.anyclaude.api.model.Message;
import dev.anyclaude.api.model.StopReason;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.model.Usage;
import java.util.List;
import java.util.Map;

/**
 * Answers with the text of the last message, after a prefix. It answers with stream events: the proxy writes them
 * as SSE to a streaming client, or aggregates them into one JSON message for the others.
 */
final class EchoBackend implements Backend {
    private final String prefix;

    EchoBackend(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Reply messages(Call call) {
        List<InputMessage> messages = call.request().messages();
        if (messages.isEmpty()) {
            // Every failure is an AnthropicException; the proxy renders it as an Anthropic error.
            throw AnthropicException.of(ErrorType.INVALID_REQUEST, "echo needs at least one message");
        }
        String text = prefix + messages.getLast().content().text();
        return Reply.events(EventStream.of(List.of(
                new StreamEvent.MessageStart(new Message("msg_echo", call.model(), List.of(), null, null, Usage.of(0, 0), Map.of())),
                new StreamEvent.ContentBlockStart(0, new ContentBlock.Text("", Map.of())),
                new StreamEvent.ContentBlockDelta(0, new Delta.TextDelta(text)),
                new StreamEvent.ContentBlockStop(0),
                new StreamEvent.MessageDelta(StreamEvent.StopInfo.of(StopReason.END_TURN), Usage.of(0, 1)),
                new StreamEvent.MessageStop())));
    }
}
