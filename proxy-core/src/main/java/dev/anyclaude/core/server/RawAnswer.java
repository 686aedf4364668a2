package dev.anyclaude.core.server;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.model.Usage;
import dev.anyclaude.core.http.HeaderLookup;
import dev.anyclaude.core.json.AnswerUsage;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An answer already in Anthropic's wire format, relayed on the fast path exactly as {@link ReplyWriter} relays a
 * {@code Reply.Raw}: a successful JSON answer whole and checked (so a cut or garbled one becomes a 502 or 504,
 * never a truncated success); a stream in whole, checked frames, ended with {@code event: error} when the upstream
 * breaks off, stops early or sends garbage; anything else (errors, compressed bodies) byte for byte as it comes.
 */
final class RawAnswer implements FastAnswer {
    private static final Logger LOG = LoggerFactory.getLogger(RawAnswer.class);

    private enum Mode { WHOLE_JSON, FRAMES, AS_IS }

    private final HttpServerExchange exchange;
    private final Call call;
    private final ReplyWriter writer;
    private final ClientWriter client;
    private final java.util.function.Supplier<String> idleMessage;
    private final java.util.List<dev.anyclaude.api.relay.RelayStage.RawWatch> watches;
    private final java.util.Map<String, String> added;
    private Mode mode;
    private int status;
    private HttpHeaders headers;
    private UsageSniffer usage;
    private SseFrames frames;
    private GrowableBytes whole;
    private byte[] scratch;
    private boolean stream;
    private Usage wholeUsage;
    private boolean finished;

    RawAnswer(HttpServerExchange exchange, Call call, ReplyWriter writer, ClientWriter client,
              java.util.function.Supplier<String> idleMessage) {
        this(exchange, call, writer, client, idleMessage, java.util.List.of(), java.util.Map.of());
    }

    /**
     * @param watches the route's relay stages' watches, told of the answer as it arrives
     * @param added   response headers of the route's middleware, replacing the upstream's of the same name
     */
    RawAnswer(HttpServerExchange exchange, Call call, ReplyWriter writer, ClientWriter client,
              java.util.function.Supplier<String> idleMessage,
              java.util.List<dev.anyclaude.api.relay.RelayStage.RawWatch> watches, java.util.Map<String, String> added) {
        this.watches = watches;
        this.added = added;
        this.exchange = exchange;
        this.call = call;
        this.writer = writer;
        this.client = client;
        this.idleMessage = idleMessage;
    }

    @Override
    public boolean relaysUnchanged() {
        return true;
    }

    @Override
    public void head(int status, HttpHeaders headers) {
        for (dev.anyclaude.api.relay.RelayStage.RawWatch watch : watches) {
            watch.head(status, headers);
        }
        this.status = status;
        this.headers = added.isEmpty() ? headers : withAdded(headers, added);
        String contentType = Objects.requireNonNullElse(HeaderLookup.first(headers, "content-type"), "");
        String encoding = HeaderLookup.first(headers, "content-encoding");
        boolean identity = encoding == null || encoding.equalsIgnoreCase("identity");
        stream = contentType.startsWith("text/event-stream");
        if (!stream && status < 300 && contentType.startsWith("application/json") && identity) {
            mode = Mode.WHOLE_JSON;
            long announced = HeaderLookup.firstLong(headers, "content-length", 8192);
            whole = new GrowableBytes((int) Math.min(Math.max(announced, 256), 1024 * 1024));
            return;
        }
        if (!stream) {
            ClientDisconnect.stopWatching(exchange); // a whole body: the client may answer as soon as it has it
        }
        mode = stream && identity ? Mode.FRAMES : Mode.AS_IS;
        frames = mode == Mode.FRAMES ? new SseFrames() : null;
        usage = new UsageSniffer(writer.mapper(), contentType, encoding);
        writer.copyHead(exchange, call, status, this.headers);
    }

    @Override
    public void body(ByteBuffer bytes) {
        if (finished) {
            return;
        }
        for (dev.anyclaude.api.relay.RelayStage.RawWatch watch : watches) {
            watch.body(bytes.duplicate());
        }
        if (mode == Mode.WHOLE_JSON) {
            whole.add(bytes);
            if (whole.size() > WholeJson.LIMIT) {
                fail(WholeJson.readFailure(call, WholeJson.tooLarge(), null));
            }
            return;
        }
        int length = bytes.remaining();
        byte[] data = scratch(length);
        bytes.get(data, 0, length);
        byte[] out = data;
        if (frames != null) {
            try {
                length = frames.take(data, length);
                out = frames.ready();
            } catch (SseFrames.Malformed e) {
                if (e.wellFormed() > 0) { // the whole frames that came before it in the same read
                    client.write(ByteBuffer.wrap(frames.ready(), 0, e.wellFormed()));
                    usage.accept(frames.ready(), e.wellFormed());
                }
                endCut("api_error", ReplyWriter.malformedEvent(call, e));
                return;
            }
        }
        if (length > 0) {
            client.write(ByteBuffer.wrap(out, 0, length));
            usage.accept(out, length);
        }
    }

    @Override
    public void end() {
        if (finished) {
            return;
        }
        for (dev.anyclaude.api.relay.RelayStage.RawWatch watch : watches) {
            watch.end();
        }
        if (mode == Mode.WHOLE_JSON) {
            AnswerUsage checked = WholeJson.jsonObject(writer.mapper(), whole.array(), whole.size());
            if (checked == null) {
                fail(WholeJson.notAnObject(call, status));
                return;
            }
            ClientDisconnect.stopWatching(exchange);
            writer.copyHead(exchange, call, status, headers);
            wholeUsage = checked.usage();
            finished = true;
            client.write(ByteBuffer.wrap(whole.array(), 0, whole.size()));
            client.end();
            return;
        }
        if (stream && status == 200 && (usage.streamUnfinished() || frames != null && frames.endsMidFrame())) {
            endCut("api_error", ReplyWriter.unfinishedStream(call));
            return;
        }
        finished = true;
        client.end();
    }

    @Override
    public void broke(IOException failure) {
        if (finished) {
            return;
        }
        boolean timeout = failure instanceof SocketTimeoutException;
        if (mode == Mode.WHOLE_JSON) {
            fail(WholeJson.readFailure(call, failure, timeout ? idleMessage.get() : null));
            return;
        }
        LOG.warn("{}: backend '{}' failed mid-answer: {}", call.id(), call.backend(),
                timeout ? idleMessage.get() : failure.getMessage());
        if (frames == null) { // a whole body, or a compressed stream: no event can be added, it can only end short
            finished = true;
            client.endShort();
            return;
        }
        if (timeout) {
            endCut("timeout_error", idleMessage.get());
        } else {
            endCut("api_error", ReplyWriter.brokeOff(call, failure.getMessage()));
        }
    }

    @Override
    public void expired(String message) {
        if (finished) {
            return;
        }
        if (mode == Mode.WHOLE_JSON) {
            fail(new AnthropicException(ErrorType.TIMEOUT, 504, message, null));
        } else if (frames != null) {
            endCut("timeout_error", message);
        } else {
            finished = true;
            client.endShort();
        }
    }

    @Override
    public Usage usage() {
        return mode == Mode.WHOLE_JSON ? wholeUsage : usage == null ? null : usage.usage();
    }

    @Override
    public long firstTokenNanos() {
        return usage == null ? 0 : usage.firstTokenNanos();
    }

    @Override
    public long firstByteNanos() {
        return client.firstByteNanos();
    }

    private void endCut(String type, String message) {
        finished = true;
        client.write(ByteBuffer.wrap(writer.cutStreamEnd(type, message)));
        client.end();
    }

    /** Nothing was sent yet: the client gets this error instead. */
    private void fail(AnthropicException error) {
        finished = true;
        writer.errors().send(exchange, error, call.id());
    }

    /** The upstream's headers with the middleware's own put over them, as a middleware adds them to a raw reply. */
    private static HttpHeaders withAdded(HttpHeaders headers, java.util.Map<String, String> added) {
        java.util.Map<String, java.util.List<String>> all = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.putAll(headers.map());
        added.forEach((name, value) -> all.put(name, java.util.List.of(value)));
        return HttpHeaders.of(all, (name, value) -> true);
    }

    private byte[] scratch(int length) {
        if (scratch == null || scratch.length < length) {
            scratch = new byte[Math.max(length, 4096)];
        }
        return scratch;
    }
}
