package dev.anyclaude.api.wire;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.model.StreamEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads an Anthropic SSE body ({@code event: <type>\ndata: <json>\n\n} frames) as {@link StreamEvent}s, one frame
 * at a time as the bytes arrive: nothing is buffered beyond the frame being read. Comment lines ({@code :...}) and
 * frames without data are skipped; several {@code data:} lines of one frame are joined with {@code \n}, as the SSE
 * specification says.
 *
 * <p>{@link #next()} returns null after {@code message_stop}. It throws {@link AnthropicException} for an
 * {@code event: error} frame (with that error's type and message), for a frame that is not valid event JSON, and
 * for a body that ends before {@code message_stop} (a truncated answer is never a success).
 *
 * <p>Not thread-safe, except {@link #close()}, which may be called from any thread and closes the body.
 *
 * <pre>{@code
 * try (EventStream events = new SseEventReader(raw.body(), context.json())) {
 *     for (StreamEvent e = events.next(); e != null; e = events.next()) { ... }
 * }
 * }</pre>
 */
public final class SseEventReader implements EventStream {
    private final InputStream body;
    private final BufferedReader lines;
    private final JsonCodec json;
    private boolean ended;

    /**
     * @param body the SSE body, UTF-8; closed by {@link #close()}
     * @param json the codec that reads the events' JSON
     */
    public SseEventReader(InputStream body, JsonCodec json) {
        this.body = Objects.requireNonNull(body, "body");
        this.json = Objects.requireNonNull(json, "json");
        this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 8192);
    }

    @Override
    public StreamEvent next() {
        if (ended) {
            return null;
        }
        StringBuilder data = new StringBuilder();
        String name = null;
        try {
            for (String line = lines.readLine(); ; line = lines.readLine()) {
                if (line == null) {
                    ended = true;
                    throw AnthropicException.apiError("the backend's stream ended before message_stop", null);
                }
                if (line.isEmpty()) {
                    if (data.isEmpty()) {
                        name = null;
                        continue;
                    }
                    return decode(name, data.toString());
                }
                if (line.startsWith(":")) {
                    continue;
                }
                if (line.startsWith("event:")) {
                    name = value(line, 6);
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(value(line, 5));
                }
            }
        } catch (IOException e) {
            ended = true;
            throw AnthropicException.apiError("reading the backend's stream failed: " + e.getMessage(), e);
        }
    }

    private StreamEvent decode(String name, String data) {
        StreamEvent event;
        try {
            event = event(name, data, json);
        } catch (AnthropicException e) {
            ended = true;
            throw e;
        }
        if (event instanceof StreamEvent.MessageStop) {
            ended = true;
        }
        return event;
    }

    /**
     * One SSE frame's event: its {@code data} read as a {@link StreamEvent}.
     *
     * @param name the frame's {@code event:} name, for the message when its data is not valid; may be null
     * @throws AnthropicException when the data is not an event, or is an {@code error} event (then with that
     *                            error's type and message)
     */
    public static StreamEvent event(String name, String data, JsonCodec json) {
        StreamEvent event;
        try {
            event = json.read(data.getBytes(StandardCharsets.UTF_8), StreamEvent.class);
        } catch (AnthropicException e) {
            throw AnthropicException.apiError("the backend sent an event that is not valid JSON"
                    + (name == null ? "" : " (event: " + name + ")"), e);
        }
        if (event instanceof StreamEvent.Error error) {
            ErrorType type = ErrorType.fromWireName(error.error().type());
            throw AnthropicException.of(type, Objects.requireNonNullElse(error.error().message(), type.wireName()));
        }
        return event;
    }

    private static String value(String line, int from) {
        return line.startsWith(" ", from) ? line.substring(from + 1) : line.substring(from);
    }

    @Override
    public void close() {
        ended = true;
        try {
            body.close();
        } catch (IOException e) {
            // Closing only releases the upstream request; nothing is left to clean up when it fails.
        }
    }
}
