package dev.anyclaude.core.server;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.model.Message;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.relay.AnswerTranslator;
import dev.anyclaude.api.wire.RawReplies;
import dev.anyclaude.api.wire.SseEventReader;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The push form of {@link dev.anyclaude.api.wire.RawReplies#events}: a successful answer in Anthropic's wire format
 * read as events as its bytes arrive, for a route whose middleware works on events when its backend relays answers
 * unchanged (an Anthropic-compatible server with the tool-calls middleware). An SSE body gives each event once its
 * frame is whole; a JSON message gives, at its end, the events it would have been streamed as. The same events and
 * failures as the blocking path's reader; an idle timeout is a {@code timeout_error}. Not thread-safe.
 */
final class WireAnswer implements AnswerTranslator {
    private final JsonCodec json;
    private final boolean sse;
    private byte[] pending = new byte[1024];
    private int length;
    /** Where the search for the current frame's end goes on: the bytes before it hold no blank line. */
    private int scanFrom;
    private boolean ended;

    private WireAnswer(JsonCodec json, boolean sse) {
        this.json = Objects.requireNonNull(json, "json");
        this.sse = sse;
    }

    /** The translator for one answer that {@link RawReplies#isReadable} accepted. */
    static AnswerTranslator.Factory factory(JsonCodec json) {
        return (status, headers) -> new WireAnswer(json, RawReplies.isSse(headers));
    }

    @Override
    public List<StreamEvent> accept(ByteBuffer bytes) {
        if (ended) {
            return List.of();
        }
        int count = bytes.remaining();
        if (length + count > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, length + count));
        }
        bytes.get(pending, length, count);
        length += count;
        return sse ? frames() : List.of();
    }

    @Override
    public List<StreamEvent> end() {
        if (ended) {
            return List.of();
        }
        ended = true;
        if (sse) {
            throw AnthropicException.apiError("the backend's stream ended before message_stop", null);
        }
        Message message;
        try {
            message = json.read(Arrays.copyOf(pending, length), Message.class);
        } catch (AnthropicException e) {
            throw AnthropicException.apiError("the backend's answer is not a valid message: " + e.getMessage(), e);
        }
        return dev.anyclaude.api.wire.MessageEvents.of(message, json);
    }

    /**
     * A silent body is a {@code timeout_error}; any other break an {@code api_error} worded as the blocking path's
     * reader words it. Nothing after a whole stream (its {@code message_stop} read): that answer ends as it is.
     */
    @Override
    public List<StreamEvent> failed(IOException cause) {
        if (ended) {
            return List.of();
        }
        ended = true;
        if (cause instanceof SocketTimeoutException) {
            throw AnthropicException.of(ErrorType.TIMEOUT, cause.getMessage(), cause);
        }
        throw AnthropicException.apiError((sse ? "reading the backend's stream failed: "
                : "reading the backend's answer failed: ") + cause.getMessage(), cause);
    }

    /**
     * The events of the whole frames read so far; the rest of a frame waits for its next bytes. A frame that fails
     * (an {@code error} event, invalid JSON) after others of the same read ends them as an error event: the events
     * before it reach the client first, as the blocking path's reader gives them one by one before it throws.
     */
    private List<StreamEvent> frames() {
        List<StreamEvent> events = List.of();
        int start = 0;
        int boundary;
        while (!ended && (boundary = frameEnd(start)) >= 0) {
            StreamEvent event;
            try {
                event = frame(start, boundary);
            } catch (AnthropicException e) {
                if (events.isEmpty()) {
                    throw e;
                }
                events.add(new StreamEvent.Error(new StreamEvent.ErrorBody(e.type().wireName(), e.getMessage())));
                return events;
            }
            if (event != null) {
                if (events.isEmpty()) {
                    events = new ArrayList<>(4);
                }
                events.add(event);
            }
            start = boundary;
        }
        if (start > 0) { // a frame arriving in many reads is not copied onto itself on each of them
            System.arraycopy(pending, start, pending, 0, length - start);
            length -= start;
            scanFrom = Math.max(0, scanFrom - start);
        }
        return events;
    }

    /** Where the frame starting at {@code start} ends (after its blank line), or -1 while it is not whole. */
    private int frameEnd(int start) {
        for (int i = Math.max(start, scanFrom); i < length; i++) {
            if (pending[i] == '\n') {
                int next = i + 1;
                if (next < length && pending[next] == '\r') {
                    next++;
                }
                if (next < length && pending[next] == '\n') {
                    return next + 1;
                }
            }
        }
        scanFrom = Math.max(start, length - 2); // a blank line cut between two reads is found again
        return -1;
    }

    /** One frame's event, or null for a frame without data (comments, a bare {@code event:} line). */
    private StreamEvent frame(int start, int end) {
        String name = null;
        StringBuilder data = null;
        int lineStart = start;
        for (int i = start; i < end; i++) {
            if (pending[i] != '\n') {
                continue;
            }
            int lineEnd = i > lineStart && pending[i - 1] == '\r' ? i - 1 : i;
            String line = new String(pending, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
            lineStart = i + 1;
            if (line.startsWith("event:")) {
                name = value(line, 6);
            } else if (line.startsWith("data:")) {
                data = data == null ? new StringBuilder() : data.append('\n');
                data.append(value(line, 5));
            }
        }
        return data == null ? null : decode(name, data.toString());
    }

    private StreamEvent decode(String name, String data) {
        StreamEvent event;
        try {
            event = SseEventReader.event(name, data, json);
        } catch (AnthropicException e) {
            ended = true;
            throw e;
        }
        if (event instanceof StreamEvent.MessageStop) {
            ended = true;
        }
        return event;
    }

    private static String value(String line, int from) {
        return line.startsWith(" ", from) ? line.substring(from + 1) : line.substring(from);
    }
}
