package dev.anyclaude.plugins.cache.record;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.wire.RawReplies;
import java.io.ByteArrayInputStream;
import java.net.http.HttpHeaders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --replay DIR}: answers every call from the recording alone and never passes one on, so no backend is
 * contacted. A call is matched by its key ({@link ExchangeKey}); a key recorded several times is answered with its
 * recordings in order, the last one again after that. The answer comes in the form the client asked for: as
 * recorded when that is the same form, else converted (SSE to one JSON message, or a JSON message to its stream
 * events). An error the backend gave is replayed as that error.
 *
 * <p>A call the recording does not have fails loudly: a 404 {@code not_found_error} naming its key, the folder
 * and the nearest recorded exchange with how it differs, logged at ERROR. Thread-safe.
 */
final class ReplayMiddleware implements Middleware {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayMiddleware.class);
    /** The response header naming the file an answer was replayed from. */
    static final String REPLAYED_FROM = "anyclaude-replayed-from";

    private final Path dir;
    private final List<Exchange> recorded;
    private final Map<String, List<Exchange>> byKey = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
    private final ExchangeKey keys;
    private final RequestSummary summary;
    private final JsonCodec json;

    ReplayMiddleware(Path dir, List<Exchange> recorded, ExchangeKey keys, RequestSummary summary, JsonCodec json) {
        this.dir = dir;
        this.recorded = List.copyOf(recorded);
        this.keys = keys;
        this.summary = summary;
        this.json = json;
        for (Exchange exchange : recorded) {
            byKey.computeIfAbsent(exchange.key(), key -> new ArrayList<>()).add(exchange);
        }
    }

    @Override
    public Reply intercept(Chain chain) {
        Call call = chain.call();
        String key = keys.of(call);
        List<Exchange> candidates = byKey.get(key);
        if (candidates == null) {
            throw unseen(call, key);
        }
        int turn = served.computeIfAbsent(key, unused -> new AtomicInteger()).getAndIncrement();
        Exchange exchange = candidates.get(Math.min(turn, candidates.size() - 1));
        LOG.info("replay: {} answered from {}", call.id(), exchange.fileName());
        return reply(exchange, call.streaming());
    }

    private Reply reply(Exchange exchange, boolean streaming) {
        Answer answer = exchange.answer();
        HttpHeaders headers = HttpHeaders.of(Map.of("content-type", List.of(answer.contentType()),
                REPLAYED_FROM, List.of(exchange.fileName())), (name, value) -> true);
        Reply.Raw raw = new Reply.Raw(answer.status(), headers, new ByteArrayInputStream(answer.body()));
        if (answer.status() != 200 || answer.sse() == streaming || !RawReplies.isAnswer(raw)) {
            return raw;
        }
        return Reply.events(RawReplies.events(raw, json));
    }

    private AnthropicException unseen(Call call, String key) {
        ObjectNode body = summary.body(call);
        int messages = body.path("messages").size();
        String nearest = NearestExchange.find(recorded, body, call.backend(), call.model())
                .map(match -> match.describe(messages))
                .orElse("the recording is empty");
        String message = "replay: this request was not recorded in " + dir + " (key " + key.substring(0, 12) + ", "
                + call.backend() + "," + call.model() + ", " + messages + " messages); " + nearest
                + ". The backend was not contacted; record the session again with --record.";
        LOG.error("{}: {}", call.id(), message);
        return AnthropicException.of(ErrorType.NOT_FOUND, message);
    }
}
