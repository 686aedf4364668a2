package dev.anyclaude.plugins.openai.translate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.anyclaude.api.model.StreamEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test helpers: a mapper configured like proxy-core's ProtocolJson, golden files, SSE rendering. */
final class TestJson {
    /** Configured as dev.anyclaude.core.json.ProtocolJson, which this module must not depend on. */
    static final ObjectMapper PROTOCOL = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private TestJson() {
    }

    static Path golden(String folder) {
        try {
            return Path.of(TestJson.class.getResource("/golden/" + folder).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T read(Path file, Class<T> type) {
        try {
            return PROTOCOL.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return PROTOCOL.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(Object value) {
        try {
            return PROTOCOL.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pretty JSON with object keys sorted, so two equal trees print the same and a diff is readable. */
    static String canonical(JsonNode node) {
        try {
            Object plain = PROTOCOL.convertValue(node, Object.class);
            return PROTOCOL.writer(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .withDefaultPrettyPrinter().writeValueAsString(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Events as the proxy's SseWriter frames them: {@code event: <type>\ndata: <json>\n\n}. */
    static String sse(List<StreamEvent> events) {
        StringBuilder out = new StringBuilder();
        for (StreamEvent event : events) {
            out.append("event: ").append(event.type()).append('\n')
                    .append("data: ").append(write(event)).append("\n\n");
        }
        return out.toString();
    }
}
