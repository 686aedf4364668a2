package dev.anyclaude.plugins.openai;

import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.http.UpstreamResponse;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.plugins.openai.translate.StreamTranslator;
import dev.anyclaude.plugins.openai.wire.ChatChunk;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import dev.anyclaude.plugins.openai.wire.UpstreamError;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An upstream OpenAI SSE body pulled as Anthropic events: each {@code data:} chunk goes through the
 * {@link StreamTranslator} as it arrives, and its events are handed out one by one. Closing it closes the upstream
 * response, which cancels the request.
 */
final class OpenAiEventStream implements EventStream {
    private static final String DONE = "[DONE]";

    private final UpstreamResponse response;
    private final DataLineReader lines;
    private final StreamTranslator translator;
    private final OpenAiJson json;
    private final Deque<StreamEvent> pending = new ArrayDeque<>();

    OpenAiEventStream(UpstreamResponse response, StreamTranslator translator, OpenAiJson json) {
        this.response = response;
        this.lines = new DataLineReader(response.body());
        this.translator = translator;
        this.json = json;
    }

    @Override
    public StreamEvent next() {
        while (pending.isEmpty()) {
            if (translator.ended()) {
                return null;
            }
            pending.addAll(translate(read()));
        }
        return pending.poll();
    }

    /** The next upstream event, or null at the end of the body. */
    private DataLineReader.Event read() {
        try {
            return lines.next();
        } catch (IOException e) {
            pending.addAll(translator.onFailure("the connection broke during the answer (" + e.getMessage() + ")"));
            return null;
        }
    }

    private java.util.List<StreamEvent> translate(DataLineReader.Event event) {
        if (event == null) {
            return translator.ended() ? java.util.List.of() : translator.onEnd();
        }
        if (DONE.equals(event.data().strip())) {
            return translator.onDone();
        }
        if ("error".equals(event.name())) {
            return translator.onUpstreamError(errorFrom(event.data()));
        }
        ChatChunk chunk;
        try {
            chunk = json.readChunk(event.data());
        } catch (IllegalArgumentException e) {
            return translator.onFailure("sent a stream chunk that is not valid JSON: " + e.getMessage());
        }
        return translator.onChunk(chunk);
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

    @Override
    public void close() {
        response.close();
    }
}
