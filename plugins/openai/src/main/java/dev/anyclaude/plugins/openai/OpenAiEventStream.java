package dev.anyclaude.plugins.openai;

import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.http.UpstreamResponse;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.plugins.openai.translate.StreamTranslator;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * An upstream OpenAI SSE body pulled as Anthropic events: each {@code data:} chunk goes through the
 * {@link StreamTranslator} as it arrives ({@link SseEventTranslator}), and its events are handed out one by one.
 * Closing it closes the upstream response, which cancels the request.
 */
final class OpenAiEventStream implements EventStream {
    private final UpstreamResponse response;
    private final DataLineReader lines;
    private final SseEventTranslator events;
    private final StreamTranslator translator;
    private final Deque<StreamEvent> pending = new ArrayDeque<>();

    OpenAiEventStream(UpstreamResponse response, StreamTranslator translator, OpenAiJson json) {
        this.response = response;
        this.lines = new DataLineReader(response.body());
        this.translator = translator;
        this.events = new SseEventTranslator(translator, json);
    }

    @Override
    public StreamEvent next() {
        while (pending.isEmpty()) {
            if (translator.ended()) {
                return null;
            }
            pending.addAll(translateNext());
        }
        return pending.poll();
    }

    /** The events of the next upstream event; the end of the answer at the end of the body. */
    private List<StreamEvent> translateNext() {
        SseParser event;
        try {
            event = lines.nextEvent();
        } catch (IOException e) {
            return SseAnswer.brokeOff(translator, e);
        }
        if (event == null) {
            return translator.ended() ? List.of() : translator.onEnd();
        }
        return events.translate(event);
    }

    @Override
    public void close() {
        response.close();
    }
}
