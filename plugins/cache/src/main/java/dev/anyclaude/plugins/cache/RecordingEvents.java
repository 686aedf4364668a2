package dev.anyclaude.plugins.cache;

import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.model.StreamEvent;
import java.nio.charset.StandardCharsets;

/**
 * An event answer that records each event as an SSE frame while the proxy passes it on (one at a time, nothing
 * held back). The stream's normal end after {@code message_stop} completes the {@link Recording}; an error, an
 * {@code event: error} or a close before the end aborts it.
 */
final class RecordingEvents implements EventStream {
    private final EventStream upstream;
    private final JsonCodec json;
    private final Recording recording;
    private boolean stopped;
    private boolean failed;

    RecordingEvents(EventStream upstream, JsonCodec json, Recording recording) {
        this.upstream = upstream;
        this.json = json;
        this.recording = recording;
    }

    @Override
    public StreamEvent next() {
        StreamEvent event;
        try {
            event = upstream.next();
        } catch (RuntimeException e) {
            recording.abort();
            throw e;
        }
        if (event == null) {
            if (stopped && !failed) {
                recording.complete();
            } else {
                recording.abort();
            }
            return null;
        }
        switch (event) {
            case StreamEvent.MessageStop stop -> stopped = true;
            case StreamEvent.Error error -> failed = true;
            default -> { }
        }
        byte[] frame = frame(event, json);
        recording.add(frame, 0, frame.length);
        return event;
    }

    /** The SSE frame an event is recorded as: {@code event:} line, {@code data:} line, blank line. */
    static byte[] frame(StreamEvent event, JsonCodec json) {
        byte[] data = json.write(event);
        byte[] head = ("event: " + event.type() + "\ndata: ").getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[head.length + data.length + 2];
        System.arraycopy(head, 0, frame, 0, head.length);
        System.arraycopy(data, 0, frame, head.length, data.length);
        frame[frame.length - 2] = '\n';
        frame[frame.length - 1] = '\n';
        return frame;
    }

    @Override
    public void close() {
        try {
            upstream.close();
        } finally {
            if (stopped && !failed) {
                recording.complete();
            } else {
                recording.abort();
            }
        }
    }
}
