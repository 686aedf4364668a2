package dev.anyclaude.plugins.openai;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads an OpenAI-style SSE body one event at a time, blocking for its bytes: the {@link SseParser} fed from an
 * input stream, each event handed out as soon as it is complete, without waiting for the rest of the stream. Not
 * thread-safe.
 */
final class DataLineReader {
    /** One SSE event: its {@code event:} name (null when none) and its data. */
    record Event(String name, String data) {
    }

    private final InputStream in;
    private final ByteBuffer buffer = ByteBuffer.allocate(4 * 1024).limit(0);
    private final SseParser parser = new SseParser();
    private boolean atEnd;

    DataLineReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next event with data, blocking until it is complete.
     *
     * @return the event, or null at the end of the body (a last event without its blank line is still returned)
     * @throws IOException when the upstream connection fails, or a line is longer than {@link SseParser#MAX_LINE}
     */
    Event next() throws IOException {
        SseParser event = nextEvent();
        return event == null ? null : new Event(event.name(), event.data());
    }

    /**
     * As {@link #next()}, the event left in the parser (valid until the next call).
     *
     * @return the parser holding the event, or null at the end of the body
     */
    SseParser nextEvent() throws IOException {
        while (true) {
            if (parser.next()) {
                return parser;
            }
            if (buffer.hasRemaining()) {
                parser.feed(buffer);
                continue;
            }
            if (atEnd) {
                return null;
            }
            int read = in.read(buffer.array());
            if (read <= 0) {
                atEnd = true;
                return parser.finish() ? parser : null;
            }
            buffer.position(0).limit(read);
            parser.feed(buffer);
        }
    }
}
