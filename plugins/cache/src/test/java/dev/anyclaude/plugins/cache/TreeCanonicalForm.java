package dev.anyclaude.plugins.cache;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The canonical form as the cache key computed it from a tree until the twelfth round (the body read with
 * {@code readTree}, changed in place, written with sorted keys): the oracle {@link CanonicalRequest} is held to.
 * Plain Jackson for strings, so it does not share {@code AsciiJsonString} with the code under test either.
 */
final class TreeCanonicalForm {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Set<String> VOLATILE_TOP_LEVEL =
            Set.of("model", "stream", "metadata", "service_tier", "cache_control");

    private TreeCanonicalForm() {
    }

    static String of(ObjectNode request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeCanonical(request.deepCopy(), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Drops the volatile parts of {@code copy} (which it changes) and writes the rest in canonical form. */
    private static void writeCanonical(ObjectNode copy, OutputStream out) throws IOException {
        VOLATILE_TOP_LEVEL.forEach(copy::remove);
        if (copy.has("system")) {
            copy.set("system", system(copy.get("system")));
        }
        if (copy.get("messages") instanceof ArrayNode messages) {
            for (JsonNode message : messages) {
                if (message instanceof ObjectNode m && m.has("content")) {
                    m.set("content", blocks(m.get("content")));
                }
            }
        }
        if (copy.get("tools") instanceof ArrayNode tools) {
            for (JsonNode tool : tools) {
                if (tool instanceof ObjectNode t) {
                    t.remove("cache_control");
                }
            }
        }
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(copy, generator);
        }
    }

    private static JsonNode system(JsonNode system) {
        ArrayNode blocks = blocks(system);
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        for (JsonNode block : blocks) {
            JsonNode text = block.get("text");
            if (!(text != null && text.isTextual() && text.asText().startsWith(CacheKeys.BILLING_PREFIX))) {
                kept.add(block);
            }
        }
        return kept;
    }

    /** A string becomes one text block; every block loses {@code cache_control}, tool results recursively. */
    private static ArrayNode blocks(JsonNode content) {
        if (content.isTextual()) {
            ArrayNode one = JsonNodeFactory.instance.arrayNode();
            one.addObject().put("type", "text").put("text", content.asText());
            return one;
        }
        if (!(content instanceof ArrayNode array)) {
            ArrayNode one = JsonNodeFactory.instance.arrayNode();
            one.add(content);
            return one;
        }
        for (JsonNode block : array) {
            if (block instanceof ObjectNode b) {
                b.remove("cache_control");
                if ("tool_result".equals(b.path("type").asText()) && b.has("content")) {
                    b.set("content", blocks(b.get("content")));
                }
            }
        }
        return array;
    }

    /** Writes a tree with object keys sorted and numbers in one form, so equal meaning gives equal bytes. */
    private static void write(JsonNode node, JsonGenerator out) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.writeStartObject();
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                names.sort(null);
                for (String name : names) {
                    out.writeFieldName(name);
                    write(node.get(name), out);
                }
                out.writeEndObject();
            }
            case ARRAY -> {
                out.writeStartArray();
                for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                    write(it.next(), out);
                }
                out.writeEndArray();
            }
            case NUMBER -> {
                if (node.isInt() || node.isLong()) {
                    out.writeNumber(node.longValue()); // what the decimal form below gives for an integer
                } else {
                    out.writeNumber(node.decimalValue().stripTrailingZeros().toPlainString());
                }
            }
            case STRING -> out.writeString(node.textValue());
            case BOOLEAN -> out.writeBoolean(node.booleanValue());
            case NULL, MISSING -> out.writeNull();
            case BINARY, POJO -> out.writeString(node.asText());
        }
    }

}
