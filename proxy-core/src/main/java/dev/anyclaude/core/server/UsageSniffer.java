package dev.anyclaude.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.api.model.Usage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Reads the token usage out of a relayed Anthropic answer without changing a byte of it, for the request log: in
 * a stream, the {@code data:} lines that carry {@code "usage"} ({@code message_start}, {@code message_delta}); in
 * a JSON answer, its {@code usage} at the end. Compressed or oversized answers are not read. Not thread-safe.
 */
final class UsageSniffer {
    private static final int MAX_JSON = 4 * 1024 * 1024;
    private static final int MAX_LINE = 256 * 1024;

    private final ObjectMapper mapper;
    private final boolean stream;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(256);
    private boolean gaveUp;
    private Usage usage;
    private long firstToken;

    /**
     * @param contentType     the answer's content type
     * @param contentEncoding the answer's content encoding, null when none
     */
    UsageSniffer(ObjectMapper mapper, String contentType, String contentEncoding) {
        this.mapper = mapper;
        this.stream = contentType != null && contentType.startsWith("text/event-stream");
        this.gaveUp = contentEncoding != null && !contentEncoding.equalsIgnoreCase("identity");
    }

    void accept(byte[] bytes, int length) {
        if (gaveUp) {
            return;
        }
        if (!stream) {
            if (pending.size() + length > MAX_JSON) {
                gaveUp = true;
                return;
            }
            pending.write(bytes, 0, length);
            return;
        }
        // Copy whole runs between newlines rather than byte by byte: this runs on every relayed chunk.
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                append(bytes, start, i - start);
                line();
                pending.reset();
                start = i + 1;
            }
        }
        append(bytes, start, length - start);
    }

    private void append(byte[] bytes, int offset, int count) {
        int room = MAX_LINE - pending.size();
        if (count > 0 && room > 0) {
            pending.write(bytes, offset, Math.min(count, room));
        }
    }

    /** The usage seen, or null. */
    Usage usage() {
        if (!stream && !gaveUp && pending.size() > 0) {
            usage = read(pending.toByteArray(), null);
            gaveUp = true;
        }
        return usage;
    }

    /** When the first {@code content_block_delta} event of a stream passed ({@link System#nanoTime()}), or 0. */
    long firstTokenNanos() {
        return firstToken;
    }

    private void line() {
        byte[] line = pending.toByteArray();
        if (firstToken == 0 && line.length >= 26 && line[0] == 'e'
                && new String(line, 0, 26, java.nio.charset.StandardCharsets.US_ASCII).equals("event: content_block_delta")) {
            firstToken = System.nanoTime();
        }
        if (line.length < 6 || line[0] != 'd' || !new String(line, 0, Math.min(line.length, 6)).equals("data: ")) {
            return;
        }
        String text = new String(line, 6, line.length - 6, java.nio.charset.StandardCharsets.UTF_8);
        if (text.contains("\"usage\"")) {
            Usage seen = read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "message");
            if (seen != null) {
                usage = usage == null ? seen : usage.updatedBy(seen);
            }
        }
    }

    private Usage read(byte[] json, String nested) {
        try {
            JsonNode root = mapper.readTree(json);
            JsonNode node = root.path("usage");
            if (node.isMissingNode() && nested != null) {
                node = root.path(nested).path("usage");
            }
            if (!node.isObject()) {
                return null;
            }
            return new Usage(integer(node, "input_tokens"), integer(node, "output_tokens"),
                    integer(node, "cache_creation_input_tokens"), integer(node, "cache_read_input_tokens"), Map.of());
        } catch (IOException e) {
            return null;
        }
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.canConvertToInt() ? value.asInt() : null;
    }
}
