package dev.anyclaude.core.server;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.relay.AnswerTranslator;
import dev.anyclaude.api.relay.RelayStage;
import dev.anyclaude.api.wire.RawReplies;
import io.undertow.server.HttpServerExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A reply a route's middleware gave itself on the fast path ({@link RelayStage#answer}: a cache hit), written on the
 * IO thread the way {@link ReplyWriter} writes it on the blocking path: a raw reply through {@link RawAnswer} (a JSON
 * answer checked whole, a stream in checked frames, the same headers), an event reply through {@link EventAnswer}
 * (SSE, or one aggregated JSON message). The stages of middleware further out see it as they would see an upstream
 * answer: a raw reply through their {@link RelayStage#rawWatch}, else as events through {@link RelayStage#onEvent}.
 */
final class LocalReply {
    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (name, value) -> true);

    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;
    private final List<RelayStage.RawWatch> watches;
    private final EventStream events;
    private final List<RelayStage> outer;
    private final Map<String, List<String>> added;

    private LocalReply(int status, HttpHeaders headers, byte[] body, List<RelayStage.RawWatch> watches,
                       EventStream events, List<RelayStage> outer, Map<String, List<String>> added) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.watches = watches;
        this.events = events;
        this.outer = outer;
        this.added = added;
    }

    /**
     * The reply, read into memory, with the stages outside the one that gave it (outermost first).
     *
     * @throws AnthropicException   when a raw reply that outer stages must see as events is not an answer
     * @throws UncheckedIOException when the reply's body cannot be read
     */
    static LocalReply of(Reply reply, List<RelayStage> outer, JsonCodec json) {
        Map<String, List<String>> outerHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (RelayStage stage : outer.reversed()) { // the outermost middleware's header is put last, so it wins
            stage.headers().forEach((name, value) -> outerHeaders.put(name, List.of(value)));
        }
        if (reply instanceof Reply.Events answer) { // its events are read when the reply is written
            Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            all.putAll(answer.headers().map());
            all.putAll(outerHeaders);
            return new LocalReply(200, NO_HEADERS, null, List.of(), answer.events(), outer, all);
        }
        try (reply) {
            switch (reply) {
                case Reply.Raw raw -> {
                    byte[] bytes = raw.body().readAllBytes();
                    List<RelayStage.RawWatch> watches = FastPath.rawWatches(outer);
                    if (watches != null) {
                        return new LocalReply(raw.status(), withAdded(raw.headers(), outerHeaders), bytes, watches,
                                null, List.of(), Map.of());
                    }
                    EventStream read = RawReplies.events(new Reply.Raw(raw.status(), raw.headers(),
                            new ByteArrayInputStream(bytes)), json);
                    return new LocalReply(200, NO_HEADERS, null, List.of(), read, outer, outerHeaders);
                }
                case Reply.Events answer -> throw new IllegalStateException("answered above");
                case Reply.Json value -> {
                    byte[] bytes = json.write(value.body());
                    Map<String, List<String>> head = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                    head.put("content-type", List.of("application/json"));
                    head.put("content-length", List.of(Integer.toString(bytes.length)));
                    return new LocalReply(value.status(), HttpHeaders.of(head, (name, v) -> true), bytes,
                            List.of(), null, List.of(), Map.of());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The writer of this reply to the client. */
    FastAnswer answer(HttpServerExchange exchange, IncomingCall call, ReplyWriter writer, JsonCodec json,
                      ClientWriter client) {
        if (events == null) {
            return new RawAnswer(exchange, call, writer, client, LocalReply::neverIdle, watches, Map.of());
        }
        return new EventAnswer(exchange, call, (status, headers) -> new Drained(events), outer.reversed(), json,
                writer.errors(), client, LocalReply::neverIdle, added);
    }

    /** Writes the whole reply through {@code answer}, at once. */
    void play(FastAnswer answer) {
        if (events == null) {
            answer.head(status, headers);
            answer.body(ByteBuffer.wrap(body));
            answer.end();
            return;
        }
        try {
            answer.head(200, NO_HEADERS);
            answer.end();
        } finally {
            events.close();
        }
    }

    private static String neverIdle() {
        return "the answer stalled"; // never used: nothing of a local reply is waited for
    }

    private static HttpHeaders withAdded(HttpHeaders headers, Map<String, List<String>> added) {
        if (added.isEmpty()) {
            return headers;
        }
        Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.putAll(headers.map());
        all.putAll(added);
        return HttpHeaders.of(all, (name, value) -> true);
    }

    /**
     * The events of an in-memory stream, all at the end; one that fails after some events ends with an error event,
     * as {@link ReplyWriter} ends a stream that fails mid-way.
     */
    private record Drained(EventStream events) implements AnswerTranslator {
        @Override
        public List<StreamEvent> accept(ByteBuffer bytes) {
            return List.of();
        }

        @Override
        public List<StreamEvent> end() {
            List<StreamEvent> all = new ArrayList<>();
            try {
                for (StreamEvent event = events.next(); event != null; event = events.next()) {
                    all.add(event);
                }
            } catch (AnthropicException e) {
                if (all.isEmpty()) {
                    throw e;
                }
                all.add(new StreamEvent.Error(new StreamEvent.ErrorBody(e.type().wireName(), e.getMessage())));
            }
            return all;
        }

        @Override
        public List<StreamEvent> failed(IOException cause) {
            throw AnthropicException.apiError("reading a stored answer failed: " + cause.getMessage(), cause);
        }
    }
}
