package dev.anyclaude.plugins.cache.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of one {@link Exchange}, as a reader sees it in the recording:
 * <pre>{@code
 * {
 *   "exchange" : 1,
 *   "key" : "9f2c...",
 *   "request" : { "backend" : "local", "model" : "claude-sonnet-4-5", "stream" : true,
 *                 "headers" : { "anthropic-version" : "2023-06-01" }, "body" : { ... } },
 *   "answer" : { "status" : 200, "contentType" : "text/event-stream", "complete" : true,
 *                "events" : [ { "event" : "message_start", "data" : { ... } }, ... ] }
 * }
 * }</pre>
 * An SSE answer is kept as its frames ({@code events}: the event name and the data as JSON, or {@code text} for
 * data that is not JSON); a JSON answer as {@code body}. Strings are masked ({@link Secrets}) on the way in, so
 * a replay serves the masked text. Stateless and thread-safe.
 */
final class ExchangeFile {
    private final ObjectMapper mapper;

    ExchangeFile(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The exchange as a tree (the answer parsed and masked). */
    ObjectNode write(Exchange exchange) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("exchange", exchange.number());
        root.put("key", exchange.key());
        ObjectNode request = root.putObject("request");
        request.put("backend", exchange.backend());
        request.put("model", exchange.model());
        request.put("stream", exchange.stream());
        ObjectNode headers = request.putObject("headers");
        exchange.headers().forEach(headers::put);
        request.set("body", exchange.body());
        ObjectNode answer = root.putObject("answer");
        Answer recorded = exchange.answer();
        answer.put("status", recorded.status());
        answer.put("contentType", recorded.contentType());
        answer.put("complete", recorded.complete());
        String text = new String(recorded.body(), StandardCharsets.UTF_8);
        if (recorded.sse()) {
            answer.set("events", frames(text));
        } else {
            JsonNode body = parseOrNull(text);
            if (body != null && body.isContainerNode()) {
                Secrets.maskTree(body);
                answer.set("body", body);
            } else {
                answer.put("text", Secrets.mask(text));
            }
        }
        return root;
    }

    /**
     * The exchange in a tree that {@link #write} made; the answer's bytes are rendered from it.
     *
     * @throws IllegalArgumentException naming the field that is missing or of the wrong kind
     */
    Exchange read(JsonNode root) {
        JsonNode request = required(root, "request");
        JsonNode answer = required(root, "answer");
        Map<String, String> headers = new LinkedHashMap<>();
        request.path("headers").fields().forEachRemaining(field -> headers.put(field.getKey(), field.getValue().asText()));
        if (!(required(request, "body") instanceof ObjectNode body)) {
            throw new IllegalArgumentException("request.body: must be an object");
        }
        String contentType = required(answer, "contentType").asText();
        byte[] bytes;
        if (answer.has("events")) {
            bytes = render(answer.get("events")).getBytes(StandardCharsets.UTF_8);
        } else if (answer.has("body")) {
            bytes = compact(answer.get("body")).getBytes(StandardCharsets.UTF_8);
        } else {
            bytes = required(answer, "text").asText().getBytes(StandardCharsets.UTF_8);
        }
        return new Exchange(required(root, "exchange").asInt(), required(root, "key").asText(),
                request.path("backend").asText(null), request.path("model").asText(null),
                request.path("stream").asBoolean(), headers, body,
                new Answer(required(answer, "status").asInt(), contentType, bytes, answer.path("complete").asBoolean(true)));
    }

    /** SSE text as frames: {@code event}, and {@code data} (JSON, masked) or {@code text}. Comments are dropped. */
    ArrayNode frames(String sse) {
        ArrayNode frames = JsonNodeFactory.instance.arrayNode();
        for (String block : sse.replace("\r\n", "\n").split("\n\n")) {
            String event = null;
            StringBuilder data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5);
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
            if (event == null && data == null) {
                continue;
            }
            ObjectNode frame = frames.addObject();
            if (event != null) {
                frame.put("event", event);
            }
            if (data != null) {
                JsonNode parsed = parseOrNull(data.toString());
                if (parsed != null && parsed.isContainerNode()) {
                    Secrets.maskTree(parsed);
                    frame.set("data", parsed);
                } else {
                    frame.put("text", Secrets.mask(data.toString()));
                }
            }
        }
        return frames;
    }

    /** Frames back to SSE text, one {@code event:} and one {@code data:} line each. */
    String render(JsonNode frames) {
        StringBuilder out = new StringBuilder();
        for (JsonNode frame : frames) {
            if (frame.has("event")) {
                out.append("event: ").append(frame.get("event").asText()).append('\n');
            }
            if (frame.has("data")) {
                out.append("data: ").append(compact(frame.get("data"))).append('\n');
            } else if (frame.has("text")) {
                for (String line : frame.get("text").asText().split("\n", -1)) {
                    out.append("data: ").append(line).append('\n');
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    private String compact(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode parseOrNull(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(field + ": missing");
        }
        return value;
    }
}
