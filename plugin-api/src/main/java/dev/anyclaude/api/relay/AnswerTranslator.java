package dev.anyclaude.api.relay;

import dev.anyclaude.api.model.StreamEvent;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Turns one upstream answer into Anthropic stream events as its bytes arrive: the push form of an
 * {@link dev.anyclaude.api.EventStream}. Called on an IO thread, by one thread at a time, in this order:
 * {@link Factory#start}, {@link #accept} for each piece of the body, then {@link #end} or {@link #failed} once.
 * Never block and never do I/O here.
 *
 * <p>Failures follow the {@code EventStream} contract: throw {@link dev.anyclaude.api.AnthropicException} (an
 * upstream error status, a body that is not a valid answer); before the first event reached the client it becomes an
 * HTTP error with its status, after it an SSE {@code event: error}. A translator may instead return an
 * {@link StreamEvent.Error} event itself; nothing is sent after it. A stream that ends without {@code message_stop}
 * must end with an error, never silently.
 */
public interface AnswerTranslator {

    /** Makes the translator for one answer, once its status line and headers arrived. */
    @FunctionalInterface
    interface Factory {
        AnswerTranslator start(int status, HttpHeaders headers);
    }

    /**
     * The next bytes of the body, from the buffer's position to its limit. The buffer is reused after this returns:
     * copy what must be kept.
     *
     * @return the events these bytes completed, in order; often none
     */
    List<StreamEvent> accept(ByteBuffer bytes);

    /** The body ended normally: the last events (an answer cut short ends with an error). */
    List<StreamEvent> end();

    /**
     * The body failed: the connection broke, or it went silent longer than the idle timeout
     * ({@link java.net.SocketTimeoutException}). The events that end the answer, the last of them an error.
     */
    List<StreamEvent> failed(IOException cause);
}
