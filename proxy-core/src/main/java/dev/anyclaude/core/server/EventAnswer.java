package dev.anyclaude.core.server;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.model.Usage;
import dev.anyclaude.api.relay.AnswerTranslator;
import dev.anyclaude.api.relay.RelayStage;
import dev.anyclaude.core.sse.MessageAggregator;
import dev.anyclaude.core.sse.SseWriter;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An answer translated into Anthropic events as its bytes arrive ({@link AnswerTranslator}), passed through the
 * route's middleware stages ({@link RelayStage}, outermost last), and written as {@link ReplyWriter} writes a
 * {@code Reply.Events}: SSE to a streaming client, each upstream read's events in one flushed write; one aggregated
 * JSON message to the others. A failure before the first event reached the client becomes an HTTP error; after it
 * an {@code event: error}.
 */
final class EventAnswer implements FastAnswer {
    private static final Logger LOG = LoggerFactory.getLogger(EventAnswer.class);

    private final HttpServerExchange exchange;
    private final Call call;
    private final AnswerTranslator.Factory factory;
    private final List<RelayStage> stages;
    private final JsonCodec json;
    private final ErrorResponder errors;
    private final ClientWriter client;
    private final java.util.function.Supplier<String> idleMessage;
    private final java.util.Map<String, java.util.List<String>> added;
    private final MessageAggregator aggregator;
    private final GrowableBytes frames = new GrowableBytes(1024);
    private AnswerTranslator translator;
    private boolean started;
    private boolean finished;
    private Usage usage;
    private long firstToken;
    private boolean firstTokenPending;

    EventAnswer(HttpServerExchange exchange, Call call, AnswerTranslator.Factory factory, List<RelayStage> stages,
                JsonCodec json, ErrorResponder errors, ClientWriter client,
                java.util.function.Supplier<String> idleMessage) {
        this(exchange, call, factory, stages, json, errors, client, idleMessage, java.util.Map.of());
    }

    /**
     * @param added response headers of the route's middleware (a {@code Reply.Events}'s, a stage's), put on the
     *              answer before the proxy's own, as {@link ReplyWriter} does
     */
    EventAnswer(HttpServerExchange exchange, Call call, AnswerTranslator.Factory factory, List<RelayStage> stages,
                JsonCodec json, ErrorResponder errors, ClientWriter client,
                java.util.function.Supplier<String> idleMessage, java.util.Map<String, java.util.List<String>> added) {
        this.added = added;
        this.exchange = exchange;
        this.call = call;
        this.factory = factory;
        this.stages = stages;
        this.json = json;
        this.errors = errors;
        this.client = client;
        this.idleMessage = idleMessage;
        this.aggregator = call.streaming() ? null : new MessageAggregator(json);
    }

    @Override
    public void head(int status, HttpHeaders headers) {
        try {
            translator = factory.start(status, headers);
        } catch (AnthropicException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(AnthropicException.apiError("backend '" + call.backend() + "' failed to read its answer: " + e, e));
        }
    }

    @Override
    public void body(ByteBuffer bytes) {
        if (!finished) {
            pass(() -> translator.accept(bytes), false);
        }
    }

    @Override
    public void end() {
        if (!finished) {
            pass(translator::end, true);
        }
    }

    @Override
    public void broke(IOException failure) {
        if (finished) {
            return;
        }
        IOException reported = failure instanceof SocketTimeoutException
                ? new SocketTimeoutException(idleMessage.get()) : failure;
        pass(() -> translator.failed(reported), true);
        if (!finished) {
            fail(AnthropicException.apiError(ReplyWriter.brokeOff(call, failure.getMessage()), failure));
        }
    }

    @Override
    public void expired(String message) {
        if (!finished) {
            fail(AnthropicException.of(ErrorType.TIMEOUT, message));
        }
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public long firstTokenNanos() {
        return firstToken;
    }

    @Override
    public long firstByteNanos() {
        return client.firstByteNanos();
    }

    /** Translates, passes the events through the stages, writes them; ends the answer when {@code last}. */
    private void pass(java.util.function.Supplier<List<StreamEvent>> translate, boolean last) {
        try {
            List<StreamEvent> events = translate.get();
            for (StreamEvent event : events) {
                if (!staged(event, 0)) {
                    return;
                }
            }
            if (last) {
                for (int i = 0; i < stages.size(); i++) {
                    for (StreamEvent held : stages.get(i).onEnd()) {
                        if (!staged(held, i + 1)) {
                            return;
                        }
                    }
                }
                flush();
                finish();
            } else {
                flush();
            }
        } catch (AnthropicException e) {
            fail(e);
        } catch (RuntimeException e) {
            LOG.error("{}: translating the answer of backend '{}' failed", call.id(), call.backend(), e);
            fail(AnthropicException.apiError("internal error in anyclaude: " + e, e));
        }
    }

    /** Runs the event through stages {@code from}.. and emits what comes out; false once the answer ended. */
    private boolean staged(StreamEvent event, int from) {
        if (from == stages.size()) {
            return emit(event);
        }
        for (StreamEvent out : stages.get(from).onEvent(event)) {
            if (!staged(out, from + 1)) {
                return false;
            }
        }
        return true;
    }

    private boolean emit(StreamEvent event) {
        if (finished) {
            return false;
        }
        usage = ReplyWriter.usageAfter(usage, event);
        if (aggregator != null) {
            aggregator.accept(event); // throws for an error event: the client gets it as an HTTP error
            return true;
        }
        if (!started && event instanceof StreamEvent.Error error) {
            fail(AnthropicException.of(ErrorType.fromWireName(error.error().type()), error.error().message()));
            return false;
        }
        startStream();
        byte[] frame = SseWriter.frame(event, json);
        frames.add(frame, 0, frame.length);
        if (firstToken == 0 && event instanceof StreamEvent.ContentBlockDelta) {
            firstTokenPending = true; // timed when the write that carries it leaves, one write per upstream read
        }
        if (event instanceof StreamEvent.Error) {
            flush();
            finished = true;
            client.end();
            return false;
        }
        return true;
    }

    private void startStream() {
        if (started) {
            return;
        }
        started = true;
        ReplyWriter.addHeaders(exchange, added);
        ReplyWriter.sseHead(exchange, call);
    }

    private void flush() {
        if (frames.size() > 0) {
            client.write(ByteBuffer.wrap(frames.copy()));
            frames.reset();
            if (firstTokenPending) {
                firstTokenPending = false;
                firstToken = System.nanoTime();
            }
        }
    }

    private void finish() {
        if (finished) {
            return;
        }
        // An answer without a message (no events) throws here, before the answer counts as finished: fail() sends it.
        byte[] body = aggregator != null ? json.write(aggregator.result()) : null;
        finished = true;
        if (body != null) {
            ReplyWriter.addHeaders(exchange, added);
            ReplyWriter.jsonHead(exchange, call, 200, body.length);
            client.write(ByteBuffer.wrap(body));
        }
        client.end();
    }

    /** The answer failed: an HTTP error if nothing was sent yet, else a closing {@code event: error}. */
    private void fail(AnthropicException error) {
        if (finished) {
            return;
        }
        finished = true;
        if (!started) {
            errors.send(exchange, error, call.id());
            return;
        }
        LOG.warn("{}: backend '{}' failed mid-stream: {}", call.id(), call.backend(), error.getMessage());
        flush();
        client.write(ByteBuffer.wrap(SseWriter.frame(new StreamEvent.Error(
                new StreamEvent.ErrorBody(error.type().wireName(), error.getMessage())), json)));
        client.end();
    }

}
