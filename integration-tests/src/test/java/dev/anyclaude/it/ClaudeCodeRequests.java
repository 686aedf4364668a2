package dev.anyclaude.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.testkit.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the Messages API requests Claude Code sent, to tell its turns apart and assert on them. */
final class ClaudeCodeRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClaudeCodeRequests() {
    }

    /** The request body as a JSON tree. */
    static JsonNode body(RecordedRequest request) {
        return parse(request.bodyUtf8());
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /** Whether the body asks for a stream ({@code "stream": true}). */
    static boolean streams(JsonNode body) {
        return body.path("stream").asBoolean(false);
    }

    /** The {@code tool_use_id} of every {@code tool_result} block in the messages, in order. */
    static List<String> toolResultIds(JsonNode body) {
        return blocks(body, "tool_result").stream().map(b -> b.path("tool_use_id").asText()).toList();
    }

    /** Every content block of {@code type} in the messages (string contents have none), in order. */
    static List<JsonNode> blocks(JsonNode body, String type) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            for (JsonNode block : message.path("content")) {
                if (type.equals(block.path("type").asText())) {
                    found.add(block);
                }
            }
        }
        return found;
    }

    /** The names of the tools offered in the body. */
    static List<String> toolNames(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.path("tools").forEach(tool -> names.add(tool.path("name").asText()));
        return names;
    }
}
