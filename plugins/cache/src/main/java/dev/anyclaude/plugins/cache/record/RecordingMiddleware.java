package dev.anyclaude.plugins.cache.record;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.Reply;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --record DIR}: passes every call on unchanged and writes each exchange, as the client received it, to
 * the {@link Recording} once its answer ended (or was cut). Streams still flow to the client frame by frame: the
 * copy is taken as they pass. Files are written on one thread of the middleware's own, never on the thread that
 * relays the answer, in the order answers end; {@link #close()} waits for the last ones.
 */
final class RecordingMiddleware implements Middleware {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingMiddleware.class);

    private final Recording recording;
    private final ExchangeKey keys;
    private final RequestSummary summary;
    private final JsonCodec json;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "anyclaude-record-writer");
        thread.setDaemon(true);
        return thread;
    });
    private int last = -1;

    RecordingMiddleware(Recording recording, ExchangeKey keys, RequestSummary summary, JsonCodec json) {
        this.recording = recording;
        this.keys = keys;
        this.summary = summary;
        this.json = json;
    }

    @Override
    public Reply intercept(Chain chain) {
        Call call = chain.call();
        String key = keys.of(call);
        ObjectNode body = summary.body(call);
        Map<String, String> headers = RequestSummary.headers(call);
        int number = nextNumber();
        java.util.function.Consumer<Answer> save = answer -> save(
                new Exchange(number, key, call.backend(), call.model(), call.streaming(), headers, body, answer));
        Reply reply;
        try {
            reply = chain.proceed(call);
        } catch (AnthropicException e) {
            save.accept(CapturedEvents.errorAnswer(e, json));
            throw e;
        }
        return switch (reply) {
            case Reply.Raw raw -> new Reply.Raw(raw.status(), raw.headers(), new CapturedBody(raw.body(),
                    copy -> save.accept(new Answer(raw.status(),
                            raw.headers().firstValue("content-type").orElse(Answer.JSON), copy.bytes(), copy.complete()))));
            case Reply.Events events -> events.withEvents(new CapturedEvents(events.events(), json, save));
            case Reply.Json value -> {
                save.accept(new Answer(value.status(), Answer.JSON, json.write(value.body()), true));
                yield value;
            }
        };
    }

    private synchronized int nextNumber() {
        if (last < 0) {
            last = recording.open();
        }
        return ++last;
    }

    private void save(Exchange exchange) {
        try {
            writer.execute(() -> write(exchange));
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            write(exchange); // an answer that ended while the proxy was closing: written here, late but whole
        }
    }

    private void write(Exchange exchange) {
        try {
            recording.write(exchange);
            LOG.info("record: exchange {} ({} {}, key {}) written to {}", exchange.number(), exchange.answer().status(),
                    exchange.answer().complete() ? "complete" : "cut", exchange.shortKey(),
                    recording.dir().resolve(exchange.fileName()));
        } catch (RuntimeException e) {
            // The client already has its answer; a recording that cannot be written must not take it away.
            LOG.error("record: exchange {} could not be written to {}: {}", exchange.number(), recording.dir(), e.toString());
        }
    }

    /** Waits up to 10 s for the exchanges still being written. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.error("record: exchanges still unwritten after 10 s; the recording in {} is incomplete", recording.dir());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
