package dev.anyclaude.api.wire;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.Message;
import dev.anyclaude.api.model.StreamEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@link Reply.Raw} (an answer in Anthropic's wire format, as the passthrough backends relay it) as
 * {@link StreamEvent}s, for middleware that works on events: an SSE body is read frame by frame as it arrives, a
 * JSON message becomes the events it would have been streamed as ({@link MessageEvents}).
 *
 * <p>Middleware that only wants successful answers checks {@link #isReadable(Reply.Raw)} first and passes anything
 * else on unchanged, so the client sees the upstream's own error, headers included. Stateless and thread-safe.
 *
 * <pre>{@code
 * if (reply instanceof Reply.Raw raw && RawReplies.isReadable(raw)) {
 *     return Reply.events(new MyRepairingStream(RawReplies.events(raw, context.json())));
 * }
 * }</pre>
 */
public final class RawReplies {
    /** The most of an error body read to find its message. */
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private RawReplies() {
    }

    /** True for a 200 answer whose body is an SSE stream or a JSON message. */
    public static boolean isAnswer(Reply.Raw raw) {
        return isAnswer(raw.status(), raw.headers());
    }

    /**
     * True for a 200 answer whose body is an SSE stream or a JSON message, from its status line and headers (for a
     * relay that sees them before the body).
     */
    public static boolean isAnswer(int status, HttpHeaders headers) {
        return status == 200 && (isSse(headers) || isJson(headers));
    }

    /**
     * True for what {@link #events} reads: a 200 SSE stream or JSON message whose body is not compressed (no
     * {@code content-encoding}, or {@code identity}). A middleware that reads answers as events passes anything
     * else on unchanged; a compressed answer comes only from a server that compresses without being asked.
     */
    public static boolean isReadable(Reply.Raw raw) {
        return isReadable(raw.status(), raw.headers());
    }

    /** {@link #isReadable(Reply.Raw)} from a status line and headers. */
    public static boolean isReadable(int status, HttpHeaders headers) {
        return isAnswer(status, headers) && !isEncoded(headers);
    }

    private static boolean isEncoded(HttpHeaders headers) {
        String encoding = headers.firstValue("content-encoding").orElse("identity").strip();
        return !encoding.isEmpty() && !encoding.equalsIgnoreCase("identity");
    }

    /** True when the body is {@code text/event-stream}. */
    public static boolean isSse(Reply.Raw raw) {
        return isSse(raw.headers());
    }

    /** True when the headers say the body is {@code text/event-stream}. */
    public static boolean isSse(HttpHeaders headers) {
        return contentType(headers).startsWith("text/event-stream");
    }

    private static boolean isJson(HttpHeaders headers) {
        String type = contentType(headers);
        return type.startsWith("application/json") || type.endsWith("+json");
    }

    private static String contentType(HttpHeaders headers) {
        return headers.firstValue("content-type").orElse("").toLowerCase(Locale.ROOT).strip();
    }

    /**
     * The reply's events. The returned stream owns the reply: closing it closes the body.
     *
     * @throws AnthropicException when the reply is not a successful answer: the upstream's error type, status and
     *                            message when its body is an Anthropic error, else an error for its status; an
     *                            {@code api_error} for a compressed answer; the reply is closed then
     */
    public static EventStream events(Reply.Raw raw, JsonCodec json) {
        if (!isAnswer(raw)) {
            try (raw) {
                throw failure(raw, json);
            }
        }
        if (isEncoded(raw.headers())) {
            try (raw) {
                throw AnthropicException.of(ErrorType.API, "the backend's answer is compressed (content-encoding: "
                        + raw.headers().firstValue("content-encoding").orElse("") + "), which anyclaude did not ask for");
            }
        }
        if (isSse(raw)) {
            return new SseEventReader(raw.body(), json);
        }
        try (raw) {
            Message message = json.read(readAll(raw.body(), Integer.MAX_VALUE), Message.class);
            return EventStream.of(MessageEvents.of(message, json));
        } catch (AnthropicException e) {
            throw AnthropicException.apiError("the backend's answer is not a valid message: " + e.getMessage(), e);
        } catch (IOException e) {
            throw AnthropicException.apiError("reading the backend's answer failed: " + e.getMessage(), e);
        }
    }

    private static AnthropicException failure(Reply.Raw raw, JsonCodec json) {
        int status = raw.status() >= 400 && raw.status() <= 599 ? raw.status() : 502;
        String fallback = "the backend answered HTTP " + raw.status() + (raw.status() == 200
                ? " with content-type '" + contentType(raw.headers()) + "', which is not an Anthropic answer" : "");
        try {
            Map<?, ?> body = json.read(readAll(raw.body(), ERROR_BODY_LIMIT), Map.class);
            if (body.get("error") instanceof Map<?, ?> error && error.get("message") instanceof String message) {
                ErrorType type = error.get("type") instanceof String name
                        ? ErrorType.fromWireName(name) : ErrorType.forStatus(status);
                return new AnthropicException(type, status, message, null);
            }
        } catch (AnthropicException | IOException e) {
            // Not an Anthropic error body: the status alone describes the failure.
        }
        return new AnthropicException(status == 502 ? ErrorType.API : ErrorType.forStatus(status), status,
                fallback, null);
    }

    private static byte[] readAll(InputStream body, int limit) throws IOException {
        return body.readNBytes(limit);
    }
}
