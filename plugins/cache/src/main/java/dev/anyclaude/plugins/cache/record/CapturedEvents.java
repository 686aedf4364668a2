package dev.anyclaude.plugins.cache.record;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.model.StreamEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * An event stream that keeps each event as the SSE frame the proxy writes for it, and hands the answer to
 * {@code done} exactly once: when the stream ends, fails or is closed early. A failure before the first event is
 * kept as the HTTP error the client got (its status and Anthropic error body); a failure later as the stream so
 * far plus its {@code event: error} frame, marked incomplete.
 */
final class CapturedEvents implements EventStream {
    private final EventStream events;
    private final JsonCodec json;
    private final Consumer<Answer> done;
    private final ByteArrayOutputStream frames = new ByteArrayOutputStream(8192);
    private final AtomicBoolean finished = new AtomicBoolean();
    private int count;

    CapturedEvents(EventStream events, JsonCodec json, Consumer<Answer> done) {
        this.events = events;
        this.json = json;
        this.done = done;
    }

    @Override
    public StreamEvent next() {
        StreamEvent event;
        try {
            event = events.next();
        } catch (AnthropicException e) {
            if (count == 0) {
                finish(errorAnswer(e, json));
            } else {
                frame("error", json.write(errorBody(e)));
                finish(new Answer(200, Answer.SSE, frames.toByteArray(), false));
            }
            throw e;
        }
        if (event == null) {
            finish(new Answer(200, Answer.SSE, frames.toByteArray(), true));
        } else {
            count++;
            frame(event.type(), json.write(event));
        }
        return event;
    }

    @Override
    public void close() {
        try {
            events.close();
        } finally {
            finish(new Answer(200, Answer.SSE, frames.toByteArray(), false));
        }
    }

    /** The answer a client got for a call that failed with {@code e} before any byte. */
    static Answer errorAnswer(AnthropicException e, JsonCodec json) {
        return new Answer(e.status(), Answer.JSON, json.write(errorBody(e)), true);
    }

    private static Map<String, Object> errorBody(AnthropicException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", e.type().wireName());
        error.put("message", String.valueOf(e.getMessage()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "error");
        body.put("error", error);
        return body;
    }

    private void frame(String type, byte[] data) {
        synchronized (frames) {
            frames.writeBytes(("event: " + type + "\ndata: ").getBytes(StandardCharsets.UTF_8));
            frames.writeBytes(data);
            frames.writeBytes("\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void finish(Answer answer) {
        if (finished.compareAndSet(false, true)) {
            done.accept(answer);
        }
    }
}
