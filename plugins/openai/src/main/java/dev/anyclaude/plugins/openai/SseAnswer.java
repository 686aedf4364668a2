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

    /** The answer's end when reading it failed: a timeout event for one of the proxy's timeouts, else an api error. */
    static List<StreamEvent> brokeOff(StreamTranslator translator, IOException e) {
        return e instanceof java.net.SocketTimeoutException ? translator.onTimeout(e.getMessage())
                : translator.onFailure(broken(e));
    }

    @Override
    public List<StreamEvent> accept(ByteBuffer bytes) {
        List<StreamEvent> out = List.of();
        ArrayList<StreamEvent> merged = null;
        try {
            while (bytes.hasRemaining() && !translator.ended()) {
                parser.feed(bytes);
                while (!translator.ended() && parser.next()) {
                    List<StreamEvent> more = events.translate(parser);
                    if (out.isEmpty()) {
                        out = more;
                    } else if (!more.isEmpty()) {
                        if (merged == null) {
                            merged = new ArrayList<>(out);
                            out = merged;
                        }
                        merged.addAll(more);
                    }
                }
            }
        } catch (IOException tooLong) {
            out = plus(out, translator.onFailure(broken(tooLong)));
        }
        return out;
    }

    @Override
    public List<StreamEvent> end() {
        List<StreamEvent> out = List.of();
        if (!translator.ended() && parser.finish()) {
            out = events.translate(parser);
        }
        if (!translator.ended()) {
            out = plus(out, translator.onEnd());
        }
        return out;
    }

    @Override
    public List<StreamEvent> failed(IOException cause) {
        return translator.ended() ? List.of() : brokeOff(translator, cause);
    }

    /** Both lists of events in order: usually one is empty, and the other is handed on without a copy. */
    private static List<StreamEvent> plus(List<StreamEvent> out, List<StreamEvent> more) {
        if (more.isEmpty()) {
            return out;
        }
        if (out.isEmpty()) {
            return more;
        }
        List<StreamEvent> both = new ArrayList<>(out.size() + more.size());
        both.addAll(out);
        both.addAll(more);
        return both;
    }
}
