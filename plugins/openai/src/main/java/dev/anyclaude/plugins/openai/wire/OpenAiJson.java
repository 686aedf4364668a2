package dev.anyclaude.plugins.openai.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The JSON codec for the OpenAI wire records: tolerant reading (unknown fields ignored, nulls allowed), compact
 * writing without null fields. Thread-safe; create one per backend and share it.
 *
 * <pre>{@code
 * byte[] body = json.writeRequest(translation.request(), config.extraBody());
 * ChatChunk chunk = json.readChunk(dataLine);
 * }</pre>
 */
public final class OpenAiJson {
    private final ObjectMapper mapper;
    /** Converts extraBody without dropping nulls: a null there means "remove this field". */
    private final ObjectMapper patches = JsonMapper.builder().build();
    /*
     * Readers bound to their type once: ObjectMapper.readValue(..., Class) resolves the class to a JavaType and looks
     * up the root deserializer on every call, a sixth of a chunk's read on the stream lanes.
     */
    private final ObjectReader chunks;
    private final ObjectReader responses;

    public OpenAiJson() {
        // Buffers reused across threads: Jackson's default keeps them per thread, and each request has its own.
        this.mapper = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                        .recyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.sharedBoundedPool()).build())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("ascii-strings")
                        .addSerializer(String.class, new AsciiStringSerializer()))
                .build();
        // Requests carry base64 images; one string can be megabytes.
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(64 * 1024 * 1024).build());
        this.chunks = mapper.readerFor(ChatChunk.class);
        this.responses = mapper.readerFor(ChatResponse.class);
    }

    /**
     * The request as a JSON tree with {@code extraBody} deep-merged into it: an object value merges into an
     * object of the same name, any other value replaces the field, and a null value removes it (so a config can
     * drop a field a server rejects, for example {@code "stream_options": null}). {@code stream_options} never goes
     * with a request that does not stream (servers reject it there), whatever {@code extraBody} says.
     *
     * @param extraBody fields from the backend's config; may be null or empty
     */
    public ObjectNode toTree(ChatRequest request, Map<String, Object> extraBody) {
        ObjectNode tree = mapper.valueToTree(request);
        if (extraBody != null && !extraBody.isEmpty()) {
            merge(tree, patches.valueToTree(extraBody));
            if (!tree.path("stream").asBoolean(false)) {
                tree.remove("stream_options");
            }
        }
        return tree;
    }

    /** {@link #toTree} as UTF-8 bytes, ready to post. */
    public byte[] writeRequest(ChatRequest request, Map<String, Object> extraBody) {
        try {
            if (extraBody == null || extraBody.isEmpty()) {
                return mapper.writeValueAsBytes(request); // No tree: it would cost a second serialisation.
            }
            return mapper.writeValueAsBytes(toTree(request, extraBody));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a chat request could not be written as JSON", e);
        }
    }

    /**
     * Reads one stream chunk (the text after {@code data: }).
     *
     * @throws IllegalArgumentException when it is not a JSON object
     */
    public ChatChunk readChunk(String data) {
        try {
            return object(chunks.readValue(data));
        } catch (IOException e) {
            throw new IllegalArgumentException(shortMessage(e), e);
        }
    }

    /**
     * Reads one stream chunk from its UTF-8 bytes.
     *
     * @throws IllegalArgumentException when it is not a JSON object
     */
    public ChatChunk readChunk(byte[] data, int offset, int length) {
        try {
            return object(chunks.readValue(data, offset, length));
        } catch (IOException e) {
            throw new IllegalArgumentException(shortMessage(e), e);
        }
    }

    /**
     * Reads a non-streamed completion.
     *
     * @throws IllegalArgumentException when it is not a JSON object
     */
    public ChatResponse readResponse(byte[] body) {
        return readResponse(body, 0, body.length);
    }

    /**
     * Reads a non-streamed completion from part of an array.
     *
     * @throws IllegalArgumentException when it is not a JSON object
     */
    public ChatResponse readResponse(byte[] body, int offset, int length) {
        try {
            return object(responses.readValue(body, offset, length));
        } catch (IOException e) {
            throw new IllegalArgumentException(shortMessage(e), e);
        }
    }

    /** The value read, which a JSON {@code null} leaves null: not an object either. */
    private static <T> T object(T value) {
        if (value == null) {
            throw new IllegalArgumentException("malformed JSON: null instead of an object");
        }
        return value;
    }

    /** Reads any JSON text into a tree; null when it is not JSON at all. */
    public JsonNode readTreeOrNull(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The compact JSON text of a value (maps, lists, records). */
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The underlying mapper, configured as described above. */
    public ObjectMapper mapper() {
        return mapper;
    }

    private static String shortMessage(IOException e) {
        String message = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        return "malformed JSON: " + (message.length() > 200 ? message.substring(0, 200) + "..." : message);
    }

    private static void merge(ObjectNode target, JsonNode patch) {
        patch.properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            JsonNode existing = target.get(entry.getKey());
            if (value.isNull()) {
                target.remove(entry.getKey());
            } else if (value.isObject() && existing instanceof ObjectNode object) {
                merge(object, value);
            } else {
                target.set(entry.getKey(), value.deepCopy());
            }
        });
    }
}
