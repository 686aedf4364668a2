package dev.anyclaude.plugins.cache;

import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.Message;
import dev.anyclaude.api.wire.MessageEvents;
import dev.anyclaude.api.wire.SseEventReader;
import java.io.ByteArrayInputStream;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Serves a stored answer in the form the client asked for: the stored bytes as they are when the forms match
 * (SSE to a streaming client, JSON to the other), else the stored answer's events, which the proxy writes as SSE or
 * aggregates into JSON.
 */
final class Replay {
    private Replay() {
    }

    static Reply of(StoredAnswer answer, boolean streaming, String outcome, JsonCodec json) {
        if (answer.form() == StoredAnswer.formFor(streaming)) {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.put("content-type", List.of(answer.form().contentType()));
            if (answer.form() == StoredAnswer.Form.JSON) {
                headers.put("content-length", List.of(Integer.toString(answer.size())));
            } else {
                headers.put("cache-control", List.of("no-cache"));
            }
            headers.put(Lookup.HEADER, List.of(outcome));
            return new Reply.Raw(200, HttpHeaders.of(headers, (name, value) -> true),
                    new ByteArrayInputStream(answer.body()));
        }
        EventStream events = answer.form() == StoredAnswer.Form.SSE
                ? new SseEventReader(new ByteArrayInputStream(answer.body()), json)
                : EventStream.of(MessageEvents.of(json.read(answer.body(), Message.class), json));
        return new Reply.Events(events).withHeader(Lookup.HEADER, outcome);
    }

    /** The reply with the cache's response header added. */
    static Reply tagged(Reply reply, String outcome) {
        return switch (reply) {
            case Reply.Events events -> events.withHeader(Lookup.HEADER, outcome);
            case Reply.Raw raw -> new Reply.Raw(raw.status(), withHeader(raw.headers(), outcome), raw.body());
            case Reply.Json value -> value;
        };
    }

    static HttpHeaders withHeader(HttpHeaders headers, String outcome) {
        Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.putAll(headers.map());
        all.put(Lookup.HEADER, List.of(outcome));
        return HttpHeaders.of(all, (name, value) -> true);
    }
}
