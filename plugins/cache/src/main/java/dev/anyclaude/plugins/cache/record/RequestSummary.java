package dev.anyclaude.plugins.cache.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.JsonCodec;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a recording keeps of a request, for a reader and for {@code git diff}: the body without what changes on
 * every session and does not shape the answer ({@code metadata}, Claude Code's billing line in {@code system}),
 * {@code tools} as their names only (the schemas are long and fixed for a given client version), secrets masked;
 * and of the headers only {@code anthropic-version} and {@code anthropic-beta}. Credentials are never read.
 * The key (not this summary) decides what a replay answers.
 */
final class RequestSummary {
    /** Claude Code's per-session billing line, a system text block (the cache key leaves it out too). */
    private static final String BILLING_PREFIX = "x-anthropic-billing-header:";
    private static final String[] KEPT_HEADERS = {"anthropic-version", "anthropic-beta"};

    private final ObjectMapper mapper;
    private final JsonCodec json;

    RequestSummary(ObjectMapper mapper, JsonCodec json) {
        this.mapper = mapper;
        this.json = json;
    }

    /** The summarised, masked body of the call. */
    ObjectNode body(Call call) {
        byte[] bytes = call.rawBody().orElseGet(() -> json.write(call.request()));
        JsonNode tree;
        try {
            tree = mapper.readTree(bytes);
        } catch (IOException e) {
            throw AnthropicException.invalidRequest("malformed JSON: " + e.getMessage());
        }
        if (!(tree instanceof ObjectNode body)) {
            throw AnthropicException.invalidRequest("the body must be a JSON object");
        }
        body.remove("metadata");
        if (body.get("system") instanceof ArrayNode system) {
            for (int i = system.size() - 1; i >= 0; i--) {
                if (system.get(i).path("text").asText("").startsWith(BILLING_PREFIX)) {
                    system.remove(i);
                }
            }
        }
        if (body.get("tools") instanceof ArrayNode tools) {
            ArrayNode names = JsonNodeFactory.instance.arrayNode();
            tools.forEach(tool -> names.add(tool.path("name").asText("?")));
            body.set("tools", names);
        }
        Secrets.maskTree(body);
        return body;
    }

    /** The headers that shape the answer, masked. */
    static Map<String, String> headers(Call call) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            call.headers().firstValue(name).ifPresent(value -> kept.put(name, Secrets.mask(value)));
        }
        return kept;
    }
}
