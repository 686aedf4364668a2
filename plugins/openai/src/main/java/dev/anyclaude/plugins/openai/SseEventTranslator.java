package dev.anyclaude.plugins.openai;

import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.plugins.openai.translate.StreamTranslator;
import dev.anyclaude.plugins.openai.wire.ChatChunk;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import dev.anyclaude.plugins.openai.wire.UpstreamError;
import java.util.List;

/**
 * One event of an OpenAI SSE answer into the {@link StreamTranslator}: {@code [DONE]} ends the answer, an
 * {@code error} event is an upstream error, any other data is a chunk (one that is not JSON ends the answer with an
 * error). Shared by the blocking {@link OpenAiEventStream} and the fast path's {@link SseAnswer}, so both give the
 * same events for the same body. Not thread-safe: one per answer.
 */
final class SseEventTranslator {
    private final StreamTranslator translator;
    private final OpenAiJson json;

    SseEventTranslator(StreamTranslator translator, OpenAiJson json) {
        this.translator = translator;
        this.json = json;
    }

    /**
     * The events for the parser's current event.
     *
     * @throws dev.anyclaude.api.AnthropicException when it is an error and nothing was produced yet
     */
    List<StreamEvent> translate(SseParser event) {
        if (event.done()) {
            return translator.onDone();
        }
        if ("error".equals(event.name())) {
            return translator.onUpstreamError(errorFrom(event.data()));
        }
        ChatChunk chunk;
        try {
            chunk = event.asciiData() ? json.readChunk(event.dataBytes(), 0, event.dataLength())
                    : json.readChunk(event.data());
        } catch (IllegalArgumentException e) {
            return translator.onFailure("sent a stream chunk that is not valid JSON: " + textError(event, e));
        }
        return translator.onChunk(chunk);
    }

    /** The answer ended or failed: true once nothing more is to be read. */
    boolean ended() {
        return translator.ended();
    }

    StreamTranslator translator() {
        return translator;
    }

    /** The error reading the data as text gives: Jackson may word an error in bytes differently. */
    private String textError(SseParser event, IllegalArgumentException fromBytes) {
        if (!event.asciiData()) {
            return fromBytes.getMessage();
        }
        try {
            json.readChunk(event.data());
            return fromBytes.getMessage();
        } catch (IllegalArgumentException fromText) {
            return fromText.getMessage();
        }
    }

    private UpstreamError errorFrom(String data) {
        var tree = json.readTreeOrNull(data);
        if (tree != null && tree.isObject()) {
            var inner = tree.has("error") ? tree.get("error") : tree;
            if (inner.isObject()) {
                try {
                    return json.mapper().treeToValue(inner, UpstreamError.class);
                } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                    // Not in a known error shape: fall back to its text below.
                }
            } else if (inner.isTextual()) {
                return UpstreamError.of(inner.asText());
            }
        }
        return UpstreamError.of(data);
    }
}
