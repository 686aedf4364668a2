package dev.anyclaude.plugins.openai;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The SSE reader as it was before the push parser ({@link SseParser}), kept unchanged as the reference its rules are
 * checked against. Reads an OpenAI-style SSE body one event payload at a time, as bytes arrive: the text after {@code data:} (the
 * lines of one event joined with newlines), without waiting for the rest of the stream.
 *
 * <p>Skips comment lines ({@code : keepalive 3/10}, {@code : OPENROUTER PROCESSING}) and blank keep-alives.
 * {@code event:} lines are remembered for the payload they precede; old llama.cpp sends a bare
 * {@code error: {...}} line, which is reported as an {@code error} event. Not thread-safe.
 */
final class ReferenceLineReader {
    /** One SSE event: its {@code event:} name (null when none) and its data. */
    record Event(String name, String data) {
    }

    /** Every event of a whole body. */
    static java.util.List<Event> readAll(byte[] body) throws IOException {
        ReferenceLineReader reader = new ReferenceLineReader(new java.io.ByteArrayInputStream(body));
        java.util.List<Event> events = new java.util.ArrayList<>();
        for (Event event = reader.next(); event != null; event = reader.next()) {
            events.add(event);
        }
        return events;
    }

    private static final int MAX_LINE = 64 * 1024 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[4 * 1024];
    private int position;
    private int limit;
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(256);

    ReferenceLineReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next event with data, blocking until it is complete.
     *
     * @return the event, or null at the end of the body (a last event without its blank line is still returned)
     * @throws IOException when the upstream connection fails
     */
    Event next() throws IOException {
        String name = null;
        StringBuilder data = null;
        String text;
        while ((text = readLine()) != null) {
            if (text.isEmpty()) {
                if (data != null) {
                    return new Event(name, data.toString());
                }
                name = null;
                continue;
            }
            if (text.charAt(0) == ':') {
                continue;
            }
            int colon = text.indexOf(':');
            String field = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "event" -> name = value;
                case "error" -> {
                    return new Event("error", value);
                }
                default -> {
                    // id:, retry: and unknown fields carry nothing for us.
                }
            }
        }
        return data == null ? null : new Event(name, data.toString());
    }

    /** One line without its terminator ({@code \n}, {@code \r\n} or {@code \r}), or null at the end. */
    private String readLine() throws IOException {
        line.reset();
        while (true) {
            if (position == limit && !fill()) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            // Copy the run up to the line's end at once: this runs over every byte of every translated stream.
            int end = position;
            while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
                end++;
            }
            if (line.size() + (end - position) > MAX_LINE) {
                throw new IOException("an SSE line from the upstream is longer than " + MAX_LINE + " bytes");
            }
            line.write(buffer, position, end - position);
            position = end;
            if (end == limit) {
                continue;
            }
            byte terminator = buffer[position++];
            if (terminator == '\r' && (position < limit || fill()) && buffer[position] == '\n') {
                position++;
            }
            return line.toString(StandardCharsets.UTF_8);
        }
    }

    /** Reads more into the empty buffer; false at the end of the body. */
    private boolean fill() throws IOException {
        limit = in.read(buffer);
        position = 0;
        if (limit <= 0) {
            limit = 0;
            return false;
        }
        return true;
    }
}
