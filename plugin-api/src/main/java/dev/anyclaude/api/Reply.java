package dev.anyclaude.api;

import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a backend (or a middleware) answers a {@link Call} with. Three forms:
 * <ul>
 *   <li>{@link Events}: Anthropic stream events. The proxy writes them as SSE to a streaming client, or
 *       aggregates them into one JSON message for a non-streaming one. Translating backends use this.</li>
 *   <li>{@link Raw}: an upstream HTTP answer already in Anthropic's wire format, relayed byte for byte (status,
 *       headers, body chunks flushed as they arrive). The Anthropic passthrough uses this.</li>
 *   <li>{@link Json}: a value the proxy serialises as the JSON body, for count_tokens and models.</li>
 * </ul>
 * A reply owns an open upstream resource; the proxy always closes it. A middleware that wants the client to see a
 * header of its own puts it on the reply: in {@link Raw#headers()}, or with {@link Events#withHeader}.
 */
public sealed interface Reply extends AutoCloseable {

    /** Releases the upstream request; idempotent. */
    @Override
    void close();

    /** An answer as stream events. */
    static Reply events(EventStream events) {
        return new Events(events);
    }

    /** A JSON answer with status 200. */
    static Reply json(Object body) {
        return new Json(200, body);
    }

    /**
     * An answer as Anthropic stream events.
     *
     * @param events  the events, pulled by the proxy as the client takes them
     * @param headers response headers the proxy adds to the answer (for example {@code x-anyclaude-cache: hit});
     *                the proxy's own {@code content-type}, {@code content-length}, {@code request-id} and
     *                hop-by-hop headers win over these; never null, usually empty
     */
    record Events(EventStream events, HttpHeaders headers) implements Reply {
        private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (name, value) -> true);

        public Events {
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(headers, "headers");
        }

        /** An answer without headers of its own. */
        public Events(EventStream events) {
            this(events, NONE);
        }

        /**
         * The same answer with its events replaced, headers kept: what a middleware that wraps the stream (repairs,
         * records, times it) returns, so headers put on by the backend or an inner middleware still reach the client.
         */
        public Events withEvents(EventStream wrapped) {
            return new Events(wrapped, headers);
        }

        /** A copy that also sends {@code name: value}, replacing what this answer had under that name. */
        public Events withHeader(String name, String value) {
            Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            all.putAll(headers.map());
            all.put(name, List.of(value));
            return new Events(events, HttpHeaders.of(all, (n, v) -> true));
        }

        @Override
        public void close() {
            events.close();
        }
    }

    /**
     * An upstream answer relayed unchanged.
     *
     * @param status  the upstream status
     * @param headers the upstream headers; the proxy drops hop-by-hop headers
     * @param body    the body; read as it arrives; closing it cancels the upstream request
     */
    record Raw(int status, HttpHeaders headers, InputStream body) implements Reply {
        public Raw {
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(body, "body");
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (java.io.IOException e) {
                // Closing only cancels the upstream request; a failure to do so leaves nothing to clean up here.
            }
        }
    }

    /**
     * A value written as JSON.
     *
     * @param status the HTTP status
     * @param body   a record, map or list that {@link JsonCodec} can write
     */
    record Json(int status, Object body) implements Reply {
        public Json {
            Objects.requireNonNull(body, "body");
        }

        @Override
        public void close() {
        }
    }
}
