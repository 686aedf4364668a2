package dev.anyclaude.plugins.openai;

import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.relay.AnswerTranslator;
import dev.anyclaude.plugins.openai.translate.StreamTranslator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The fast path's translation of an OpenAI SSE answer: the push form of {@link OpenAiEventStream}, with the same
 * parser ({@link SseParser}) and the same translation of each event ({@link SseEventTranslator}), so that both give
 * the same events for the same body however its bytes are cut. Never blocks. Not thread-safe: one per answer.
 */
final class SseAnswer implements AnswerTranslator {
    private final SseParser parser = new SseParser();
    private final SseEventTranslator events;
    private final StreamTranslator translator;

    SseAnswer(SseEventTranslator events) {
        this.events = events;
        this.translator = events.translator();
    }

    /** Why a body that broke off ended the answer, as the user reads it after the backend's name. */
    static String broken(IOException e) {
        return "the connection broke during the answer (" + e.getMessage() + ")";
    }

    @Override
    public List<StreamEvent> accept(ByteBuffer bytes) {
        Collected out = new Collected();
        try {
            while (bytes.hasRemaining() && !translator.ended()) {
                parser.feed(bytes);
                while (!translator.ended() && parser.next()) {
                    out.add(events.translate(parser));
                }
            }
        } catch (IOException tooLong) {
            out.add(translator.onFailure(broken(tooLong)));
        }
        return out.list();
    }

    @Override
    public List<StreamEvent> end() {
        Collected out = new Collected();
        if (!translator.ended() && parser.finish()) {
            out.add(events.translate(parser));
        }
        if (!translator.ended()) {
            out.add(translator.onEnd());
        }
        return out.list();
    }

    @Override
    public List<StreamEvent> failed(IOException cause) {
        return translator.ended() ? List.of() : translator.onFailure(broken(cause));
    }

    /** The events of one call: usually one list, handed on without a copy. */
    private static final class Collected {
        private List<StreamEvent> list = List.of();
        private boolean copied;

        void add(List<StreamEvent> more) {
            if (more.isEmpty()) {
                return;
            }
            if (list.isEmpty()) {
                list = more;
                return;
            }
            if (!copied) {
                list = new ArrayList<>(list);
                copied = true;
            }
            list.addAll(more);
        }

        List<StreamEvent> list() {
            return list;
        }
    }
}
