package dev.anyclaude.api.relay;

import dev.anyclaude.api.Call;
import dev.anyclaude.api.model.StreamEvent;
import java.util.List;

/**
 * A middleware's whole effect on one call, said up front so that the proxy can apply it on the fast path: the call
 * it passes on, and a transformation of the answer's events as they arrive. Called on an IO thread, by one thread
 * at a time: never block, never do I/O. Failures as in {@link AnswerTranslator}: throw
 * {@link dev.anyclaude.api.AnthropicException}, or pass on an error event.
 */
public interface RelayStage {

    /** The call to pass on: the same one (the default) or one changed with {@link Call#withRequest}. */
    default Call request(Call call) {
        return call;
    }

    /** One event of the answer: the events to pass on for it, in order (none, the same one, or more). */
    List<StreamEvent> onEvent(StreamEvent event);

    /**
     * The answer's events ended normally (the translator's last event passed): what is still held back. Not called
     * when the answer ended in an error, an error event or an exception (the client gets the error; held-back text is
     * dropped, as on the blocking path).
     */
    default List<StreamEvent> onEnd() {
        return List.of();
    }
}
