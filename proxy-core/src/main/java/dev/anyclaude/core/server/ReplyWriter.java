package dev.anyclaude.core.server;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.core.sse.MessageAggregator;
import dev.anyclaude.core.sse.SseWriter;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link Reply} to the client from a worker (virtual) thread: raw replies byte for byte, flushed as
 * they arrive; event replies as SSE (streaming clients) or aggregated JSON; JSON values as they are. A failure
 * before the first byte becomes an HTTP error; after it, an SSE {@code event: error}. A client that went away
 * makes the next write fail, which closes the reply and so cancels the upstream request.
 */
final class ReplyWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyWriter.class);
    // As HttpStrings, whose equals and hashCode ignore case: no lower-casing per header of every answer.
    private static final Set<HttpString> HOP_BY_HOP = Set.copyOf(java.util.stream.Stream.of("connection", "keep-alive",
            "transfer-encoding", "te", "trailer", "upgrade", "proxy-authenticate", "proxy-authorization",
            "proxy-connection").map(HttpString::new).toList());

    private final JsonCodec json;
    private final ErrorResponder errors;
    private final RelayBuffers buffers = new RelayBuffers();

    private final com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper(
            dev.anyclaude.core.json.ProtocolJson.pooledFactory());

    ReplyWriter(JsonCodec json, ErrorResponder errors) {
        this.json = json;
        this.errors = errors;
    }

    /**
     * Writes the reply and ends the exchange; always closes the reply.
     *
     * @return when the first byte went to the client ({@link System#nanoTime()}), or 0 if none did
     */
    Written write(HttpServerExchange exchange, Call call, Reply reply) {
        FirstByte firstByte = new FirstByte(exchange);
        TokenTally tokens = new TokenTally();
        try (reply) {
            switch (reply) {
                case Reply.Raw raw -> tokens.usage = writeRaw(exchange, call, raw, tokens);
                case Reply.Json value -> writeJson(exchange, call, value.status(), json.write(value.body()));
                case Reply.Events events when call.streaming() -> writeSse(exchange, call, events, tokens);
                case Reply.Events events -> writeAggregated(exchange, call, events, tokens);
            }
        } catch (IOException e) {
            LOG.debug("{}: client went away while the answer was written: {}", call.id(), e.toString());
        }
        ClientDisconnect.stopWatching(exchange);
        exchange.endExchange();
        return new Written(firstByte.nanos(), tokens.firstToken > 0 ? tokens.firstToken : tokens.sniffedFirstToken,
                tokens.usage);
    }

    /**
     * What was written: when the first byte left ({@link System#nanoTime()}, 0 if none did) and the answer's usage
     * when the proxy saw it (event replies; null for raw relays, which it does not parse), and when the first
     * content delta of a stream left (0 when none did).
     */
    record Written(long firstByteNanos, long firstTokenNanos, dev.anyclaude.api.model.Usage usage) {
    }

    /** The usage of an answer, from its message_start and message_delta events (totals: later replace earlier). */
    private static final class TokenTally {
        private dev.anyclaude.api.model.Usage usage;
        private long firstToken;
        private long sniffedFirstToken;

        /** Called after {@code event} was written to the client. */
        void sent(StreamEvent event) {
            if (firstToken == 0 && event instanceof StreamEvent.ContentBlockDelta) {
                firstToken = System.nanoTime();
            }
        }

        void see(StreamEvent event) {
            usage = usageAfter(usage, event);
        }
    }

    /** Notes when the response was committed, that is, when its first byte left. */
    private static final class FirstByte {
        private long nanos;

        FirstByte(HttpServerExchange exchange) {
            exchange.addResponseCommitListener(ex -> nanos = System.nanoTime());
        }

        long nanos() {
            return nanos;
        }
    }

    private dev.anyclaude.api.model.Usage writeRaw(HttpServerExchange exchange, Call call, Reply.Raw raw,
                                                   TokenTally tokens) throws IOException {
        String contentType = java.util.Objects.requireNonNullElse(
                dev.anyclaude.core.http.HeaderLookup.first(raw.headers(), "content-type"), "");
        String encoding = dev.anyclaude.core.http.HeaderLookup.first(raw.headers(), "content-encoding");
        boolean stream = contentType.startsWith("text/event-stream");
        if (!stream && raw.status() < 300 && contentType.startsWith("application/json")
                && (encoding == null || encoding.equalsIgnoreCase("identity"))) {
            return WholeJson.relay(exchange, call, raw, this);
        }
        if (!stream) {
            ClientDisconnect.stopWatching(exchange); // a whole body: the client may answer as soon as it has it
        }
        copyHead(exchange, call, raw);
        UsageSniffer usage = new UsageSniffer(mapper, contentType, encoding);
        // Whole frames only, and checked, unless the stream is compressed (then it is relayed as it comes).
        SseFrames frames = stream && (encoding == null || encoding.equalsIgnoreCase("identity")) ? new SseFrames() : null;
        byte[] buffer = buffers.take();
        try {
            return relay(exchange, call, raw, stream, tokens, buffer, usage, frames);
        } finally {
            buffers.giveBack(buffer);
        }
    }

    /** Copies the body through {@code buffer}, flushing each read. */
    private dev.anyclaude.api.model.Usage relay(HttpServerExchange exchange, Call call, Reply.Raw raw, boolean stream,
                                                TokenTally tokens, byte[] buffer, UsageSniffer usage,
                                                SseFrames frames) throws IOException {
        OutputStream client = exchange.getOutputStream();
        InputStream upstream = raw.body();
        while (true) {
            int read;
            try {
                read = upstream.read(buffer);
            } catch (IOException e) {
                upstreamBroke(exchange, call, frames != null, client, e);
                tokens.sniffedFirstToken = usage.firstTokenNanos();
                return usage.usage();
            }
            if (read < 0) {
                if (stream && raw.status() == 200 && (usage.streamUnfinished() || frames != null && frames.endsMidFrame())) {
                    endCutStream(client, "api_error", unfinishedStream(call));
                }
                tokens.sniffedFirstToken = usage.firstTokenNanos();
                return usage.usage();
            }
            if (read == 0) {
                continue;
            }
            byte[] out = buffer;
            int length = read;
            if (frames != null) {
                try {
                    length = frames.take(buffer, read);
                    out = frames.ready();
                } catch (SseFrames.Malformed e) {
                    if (e.wellFormed() > 0) { // the whole frames that came before it in the same read
                        client.write(frames.ready(), 0, e.wellFormed());
                        usage.accept(frames.ready(), e.wellFormed());
                    }
                    endCutStream(client, "api_error", malformedEvent(call, e));
                    tokens.sniffedFirstToken = usage.firstTokenNanos();
                    return usage.usage();
                }
            }
            if (length > 0) {
                client.write(out, 0, length);
                client.flush();
                usage.accept(out, length);
            }
        }
    }

    /** The upstream's status and end-to-end headers, and the request id, on the client's response. */
    void copyHead(HttpServerExchange exchange, Call call, Reply.Raw raw) {
        copyHead(exchange, call, raw.status(), raw.headers());
    }

    /** The upstream's status and end-to-end headers, and the request id, on the client's response. */
    void copyHead(HttpServerExchange exchange, Call call, int status, java.net.http.HttpHeaders headers) {
        exchange.setStatusCode(status);
        HeaderMap out = exchange.getResponseHeaders();
        for (Map.Entry<String, List<String>> header : headers.map().entrySet()) {
            if (header.getKey().startsWith(":")) {
                continue;
            }
            HttpString name = HttpString.tryFromString(header.getKey());
            if (!HOP_BY_HOP.contains(name)) {
                out.addAll(name, header.getValue());
            }
        }
        if (!out.contains(RequestIds.HEADER)) {
            out.put(RequestIds.HEADER, call.id());
        }
    }

    RelayBuffers buffers() {
        return buffers;
    }

    ErrorResponder errors() {
        return errors;
    }

    com.fasterxml.jackson.databind.ObjectMapper mapper() {
        return mapper;
    }

    /**
     * The upstream failed in the middle of a relayed answer. A stream relayed frame by frame gets an
     * {@code event: error} after its last whole frame (a {@code timeout_error} when a timeout cut it) so the client
     * never takes the cut answer for a complete one; any other body (a whole one, or a stream the upstream
     * compressed, where an event cannot be added) can only end short, so its connection is dropped, which no client
     * mistakes for a success.
     */
    private void upstreamBroke(HttpServerExchange exchange, Call call, boolean framed, OutputStream client,
                               IOException e) throws IOException {
        LOG.warn("{}: backend '{}' failed mid-answer: {}", call.id(), call.backend(), e.getMessage());
        if (!framed) {
            org.xnio.IoUtils.safeClose(exchange.getConnection());
            return;
        }
        if (e instanceof java.net.SocketTimeoutException) {
            endCutStream(client, "timeout_error", e.getMessage());
        } else {
            endCutStream(client, "api_error", brokeOff(call, e.getMessage()));
        }
    }

    /** Ends a stream relayed frame by frame with an error event. */
    private void endCutStream(OutputStream client, String type, String message) throws IOException {
        client.write(cutStreamEnd(type, message));
        client.flush();
    }

    /** The bytes that end a stream relayed frame by frame (so at a frame's end) with an error event. */
    byte[] cutStreamEnd(String type, String message) {
        return SseWriter.frame(new StreamEvent.Error(new StreamEvent.ErrorBody(type, message)), json);
    }

    private void writeJson(HttpServerExchange exchange, Call call, int status, byte[] body) throws IOException {
        jsonHead(exchange, call, status, body.length);
        exchange.getOutputStream().write(body);
    }

    /** The head of a whole JSON answer of the proxy's own; stops watching the client, who may answer at once. */
    static void jsonHead(HttpServerExchange exchange, Call call, int status, int length) {
        ClientDisconnect.stopWatching(exchange);
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(RequestIds.HEADER, call.id());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, length);
    }

    /** The head of an SSE answer of the proxy's own (the proxy's headers, set last, win). */
    static void sseHead(HttpServerExchange exchange, Call call) {
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(RequestIds.HEADER, call.id());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
    }

    /** Why a relayed answer was cut: the backend broke off. */
    static String brokeOff(Call call, String why) {
        return "backend '" + call.backend() + "' stopped in the middle of the answer: " + why;
    }

    /** Why a relayed stream got an error event at its end: it ended without message_stop. */
    static String unfinishedStream(Call call) {
        return "backend '" + call.backend() + "' ended the stream without message_stop; the answer is incomplete";
    }

    /** Why a relayed stream was cut at a malformed event; logged once here. */
    static String malformedEvent(Call call, SseFrames.Malformed e) {
        LOG.warn("{}: backend '{}' sent a malformed stream event ({}); cutting the answer", call.id(), call.backend(),
                e.getMessage());
        return "backend '" + call.backend() + "' sent a malformed stream event (" + e.getMessage() + "); the answer was cut";
    }

    /** The usage known after {@code event}: totals from message_start, then message_delta's update them. */
    static dev.anyclaude.api.model.Usage usageAfter(dev.anyclaude.api.model.Usage usage, StreamEvent event) {
        if (event instanceof StreamEvent.MessageStart start && start.message().usage() != null) {
            return start.message().usage();
        }
        if (event instanceof StreamEvent.MessageDelta delta && delta.usage() != null) {
            return usage == null ? delta.usage() : usage.updatedBy(delta.usage());
        }
        return usage;
    }

    private void writeSse(HttpServerExchange exchange, Call call, Reply.Events events, TokenTally tokens)
            throws IOException {
        StreamEvent first;
        try {
            first = events.events().next();
        } catch (AnthropicException e) {
            errors.send(exchange, e, call.id());
            return;
        }
        addHeaders(exchange, events);
        sseHead(exchange, call);
        SseWriter sse = new SseWriter(exchange.getOutputStream(), json);
        StreamEvent event = first;
        try {
            while (event != null) {
                tokens.see(event);
                sse.write(event);
                tokens.sent(event);
                if (event instanceof StreamEvent.Error) {
                    return;
                }
                event = events.events().next();
            }
        } catch (AnthropicException e) {
            LOG.warn("{}: backend '{}' failed mid-stream: {}", call.id(), call.backend(), e.getMessage());
            sse.write(new StreamEvent.Error(new StreamEvent.ErrorBody(e.type().wireName(), e.getMessage())));
        }
    }

    private void writeAggregated(HttpServerExchange exchange, Call call, Reply.Events events, TokenTally tokens)
            throws IOException {
        MessageAggregator aggregator = new MessageAggregator(json);
        byte[] body;
        try {
            StreamEvent event;
            while ((event = events.events().next()) != null) {
                tokens.see(event);
                aggregator.accept(event);
            }
            body = json.write(aggregator.result());
        } catch (AnthropicException e) {
            errors.send(exchange, e, call.id());
            return;
        }
        addHeaders(exchange, events);
        writeJson(exchange, call, 200, body);
    }

    /** The headers a middleware or backend put on an event answer; the proxy's own are set after and win. */
    private static void addHeaders(HttpServerExchange exchange, Reply.Events events) {
        addHeaders(exchange, events.headers().map());
    }

    /** Headers of a middleware or backend on an answer of the proxy's own; the proxy's, set after, win. */
    static void addHeaders(HttpServerExchange exchange, Map<String, List<String>> headers) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().startsWith(":")) {
                continue;
            }
            HttpString name = HttpString.tryFromString(header.getKey());
            if (!HOP_BY_HOP.contains(name) && !name.equals(Headers.CONTENT_LENGTH)) {
                exchange.getResponseHeaders().putAll(name, header.getValue());
            }
        }
    }
}
