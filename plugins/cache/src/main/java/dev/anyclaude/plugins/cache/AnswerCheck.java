package dev.anyclaude.plugins.cache;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.model.Message;
import dev.anyclaude.api.model.StopReason;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.wire.SseEventReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Decides whether recorded bytes are an answer worth storing: a complete SSE stream (its events read back with
 * the plugin API's {@link SseEventReader}, which rejects {@code event: error} and a stream cut before
 * {@code message_stop}) or a whole JSON message, in both cases not stopped at {@code max_tokens} unless that is
 * allowed. A gzip or deflate body is stored decoded; another encoding is not stored.
 */
final class AnswerCheck {
    private final JsonCodec json;
    private final boolean storeTruncated;

    AnswerCheck(JsonCodec json, boolean storeTruncated) {
        this.json = json;
        this.storeTruncated = storeTruncated;
    }

    /** True for a content encoding this check can undo (none, identity, gzip, deflate). */
    static boolean decodable(String contentEncoding) {
        return contentEncoding == null || switch (contentEncoding.trim().toLowerCase(Locale.ROOT)) {
            case "", "identity", "gzip", "x-gzip", "deflate" -> true;
            default -> false;
        };
    }

    /**
     * The answer to store, or null when these bytes must not be stored.
     *
     * @param contentEncoding the body's {@code content-encoding}, or null
     */
    StoredAnswer check(StoredAnswer.Form form, byte[] bytes, String contentEncoding, long nowMillis) {
        byte[] body;
        try {
            body = decode(bytes, contentEncoding);
        } catch (IOException e) {
            return null;
        }
        if (body.length == 0) {
            return null;
        }
        String stopReason = form == StoredAnswer.Form.SSE ? sseStopReason(body) : jsonStopReason(body);
        if (stopReason == null || (!storeTruncated && stopReason.equals(StopReason.MAX_TOKENS))) {
            return null;
        }
        return new StoredAnswer(form, body, nowMillis);
    }

    /** The stop reason of a complete, error-free stream; null otherwise. */
    private String sseStopReason(byte[] body) {
        String stopReason = null;
        boolean stopped = false;
        try (SseEventReader events = new SseEventReader(new ByteArrayInputStream(body), json)) {
            for (StreamEvent event = events.next(); event != null; event = events.next()) {
                if (event instanceof StreamEvent.MessageDelta delta && delta.delta().stopReason() != null) {
                    stopReason = delta.delta().stopReason();
                } else if (event instanceof StreamEvent.MessageStop) {
                    stopped = true;
                }
            }
        } catch (AnthropicException e) {
            return null;
        }
        return stopped ? stopReason : null;
    }

    private String jsonStopReason(byte[] body) {
        try {
            return json.read(body, Message.class).stopReason();
        } catch (AnthropicException | NullPointerException e) {
            return null;
        }
    }

    private static byte[] decode(byte[] bytes, String contentEncoding) throws IOException {
        String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        InputStream decoded = switch (encoding) {
            case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(bytes));
            case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(bytes));
            default -> null;
        };
        if (decoded == null) {
            return bytes;
        }
        try (decoded) {
            return decoded.readAllBytes();
        }
    }
}
