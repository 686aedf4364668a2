package dev.anyclaude.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.JsonCodec;
import java.io.IOException;
import java.util.stream.Collectors;

/** The proxy's one JSON codec for the protocol records and the config. */
public final class ProtocolJson implements JsonCodec {
    private final ObjectMapper mapper;
    /** Binds config: keeps nulls, which mean "remove this field" in blocks such as extraBody. */
    private final ObjectMapper converter;
    /*
     * A reader per type, bound once: ObjectMapper.readValue(bytes, Class) resolves the class to a JavaType and looks
     * up its root deserializer on every call.
     */
    private final ClassValue<ObjectReader> readers = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return mapper.readerFor(type);
        }
    };

    public ProtocolJson() {
        this.mapper = JsonMapper.builder(pooledFactory())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addModule(new HotEventSerializers())
                .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("anyclaude-ascii-strings")
                        .addSerializer(String.class, new LongAsciiStringSerializer()))
                .build();
        // Claude Code bodies are ~50 KB; base64 images can be megabytes in one string.
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(64 * 1024 * 1024).build());
        this.converter = mapper.copy().setDefaultPropertyInclusion(
                JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS));
    }

    /**
     * A JSON factory whose parsers and generators reuse their buffers across threads. Jackson's default keeps them
     * per thread, which on virtual threads (one per request) means new 8 to 16 KB buffers for every parse and write.
     */
    public static com.fasterxml.jackson.core.JsonFactory pooledFactory() {
        return com.fasterxml.jackson.core.JsonFactory.builder()
                .recyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.sharedBoundedPool()).build();
    }

    /** The underlying mapper, for the core's own streaming reads and writes. */
    public ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw AnthropicException.apiError("could not write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    @Override
    public <T> T read(byte[] json, Class<T> type) {
        try {
            return readers.get(type).readValue(json);
        } catch (JsonMappingException e) {
            throw AnthropicException.invalidRequest(describe(e));
        } catch (JsonProcessingException e) {
            throw AnthropicException.invalidRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw AnthropicException.invalidRequest("the body could not be read: " + e.getMessage());
        }
    }

    @Override
    public <T> T convert(Object value, Class<T> type) {
        try {
            return converter.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JsonMappingException mapping) {
                throw new IllegalArgumentException(describe(mapping), e);
            }
            throw e;
        }
    }

    /** "field `messages.0.content`: ..." from a Jackson error, without the source dump. */
    static String describe(JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException && e.getCause() != null
                && e.getCause().getMessage() != null) {
            // A record's own validation (for example "baseUrl: field required") says it best.
            return e.getCause().getMessage();
        }
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining("."));
        String problem = e.getOriginalMessage();
        int cut = problem.indexOf(" at [Source");
        if (cut > 0) {
            problem = problem.substring(0, cut);
        }
        problem = problem.replace("dev.anyclaude.api.model.", "");
        return path.isEmpty() ? problem : path + ": " + problem;
    }
}
