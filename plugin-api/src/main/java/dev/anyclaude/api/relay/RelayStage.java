package dev.anyclaude.api.relay;

import dev.anyclaude.api.Call;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.StreamEvent;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A middleware's whole effect on one call, said up front so that the proxy can apply it on the fast path: the call
 * it passes on, and a transformation of the answer's events as they arrive. Called on an IO thread, by one thread
 * at a time: never block, never do I/O. Failures as in {@link AnswerTranslator}: throw
 * {@link dev.anyclaude.api.AnthropicException}, or pass on an error event.
 *
 * <p>A stage that does more than change events (a cache) uses the optional parts, all with defaults that keep the
 * behaviour of a plain event stage: it answers the call itself ({@link #answer}), puts response headers of its own
 * on the answer ({@link #headers}), watches an answer relayed unchanged ({@link #rawWatch}), and learns when the call
 * is over ({@link #closed}). The proxy calls, for one call: {@link #request}, {@link #answer}, then (unless the stage
 * answered) {@link #headers} and {@link #rawWatch} or the event methods while the answer passes, and
 * {@link #closed} once at the end.
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

    /**
     * The answer this stage gives without asking the upstream (a cache hit), as {@code intercept} would return it
     * without calling {@code proceed}; empty (the default) to pass the call on. Called once, right after
     * {@link #request}; when it gives a reply, the proxy writes it on the IO thread as it writes any reply, and the
     * stages of middleware further in are never asked for (their {@code onRelay} is not called), as their
     * {@code intercept} would not run. Stages further out see the reply: an event reply (or a {@link Reply.Raw}, when
     * one of them has no {@link #rawWatch}, read as events) through {@link #onEvent}, a raw reply through their
     * {@link #rawWatch}.
     *
     * <p>The reply must be in memory: a {@link Reply.Raw} body whose reads never block (a
     * {@link java.io.ByteArrayInputStream}), a {@link Reply.Events} stream whose {@code next()} never blocks. The
     * proxy reads it on the IO thread and closes it.
     */
    default Optional<Reply> answer() {
        return Optional.empty();
    }

    /**
     * Response headers this stage puts on the answer the upstream gives, name to value, replacing the upstream's own
     * header of that name: what a middleware adds to the {@code Reply} that {@code proceed} returned (for example
     * {@code x-anyclaude-cache: miss}). The proxy's own {@code content-type}, {@code content-length} and
     * {@code request-id} win over these on an event answer; an error the proxy answers with itself (the upstream
     * unreachable, a timeout) carries none of them. Empty by default.
     */
    default Map<String, String> headers() {
        return Map.of();
    }

    /**
     * How this stage sees an answer relayed unchanged ({@link Relay.Unchanged}), whose events it cannot change; null
     * (the default) when it must see or change events: the proxy then reads a successful answer (a 200 SSE stream or
     * JSON message, not compressed) as events, as {@link dev.anyclaude.api.wire.RawReplies#events} does, and passes
     * them through every stage's {@link #onEvent}; any other answer (an error) goes to the client as it came, seen
     * by the stages that have a watch, as {@code intercept} passes on what is not an answer. Asked once, when the
     * proxy learns that the answer will be relayed unchanged.
     */
    default RawWatch rawWatch() {
        return null;
    }

    /**
     * The call is over for this stage: called exactly once for every stage the proxy got from {@code onRelay}, last.
     * {@code relayed} is true when the call was answered on the fast path with this stage in it, however the answer
     * ended (after {@link #onEnd} or {@link RawWatch#end} when it ended normally; also after an upstream failure, an
     * error, a client that went away); false when the proxy set the stage aside before asking the upstream and the
     * call takes the blocking path instead, where {@code intercept} runs for it (nothing of the answer was seen).
     * Release what the stage holds here; never throw.
     */
    default void closed(boolean relayed) {
    }

    /**
     * Watches an answer relayed unchanged, as it passes to the client: the upstream's status and headers, then its
     * body as it arrives (as the upstream sent it: whole-body checks and SSE frame checks are the proxy's, after
     * this), then its normal end. An answer that breaks off gets no {@link #end}; {@link RelayStage#closed} follows
     * either way. Called on the IO thread, never blocks.
     */
    interface RawWatch {

        /** The upstream answer's status and headers (before a stage's {@link RelayStage#headers} are added). */
        void head(int status, HttpHeaders headers);

        /**
         * The next bytes of the body, from the buffer's position to its limit. The buffer is a view of the proxy's
         * own, reused after this returns: copy what must be kept.
         */
        void body(ByteBuffer bytes);

        /** The body ended normally (the upstream sent all of it). */
        void end();
    }
}
