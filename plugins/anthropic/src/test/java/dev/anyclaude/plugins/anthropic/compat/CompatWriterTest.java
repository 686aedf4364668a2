package dev.anyclaude.plugins.anthropic.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.core.json.ProtocolJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compatible mode's writer against its first form, kept here as the reference: the request turned into maps,
 * the fields and markers removed from those, the maps written. Same bytes, on Claude Code's request and on one with
 * a marker in every place a request can hold one.
 */
class CompatWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ProtocolJson JSON = new ProtocolJson();

    /** Markers on the request, system, text, image, tool use, tool result (and inside it), thinking, unknown and tool. */
    private static final String MARKED_EVERYWHERE = """
            {"model":"qwen","max_tokens":2048,"cache_control":{"type":"ephemeral"},"speed":"fast",
             "system":[{"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}},
                       {"type":"text","text":"caf\u00e9 \\"quoted\\"\\n"}],
             "messages":[
               {"role":"user","content":[
                 {"type":"text","text":"hi","cache_control":{"type":"ephemeral","ttl":"1h"}},
                 {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"},
                  "cache_control":{"type":"ephemeral"}},
                 {"type":"search_result","source":"x","cache_control":{"type":"ephemeral"}}]},
               {"role":"assistant","content":[
                 {"type":"thinking","thinking":"hmm","signature":"sig","cache_control":{"type":"ephemeral"}},
                 {"type":"tool_use","id":"toolu_1","name":"Write",
                  "input":{"file_path":"a.json","content":"{}","cache_control":"the user's own"},
                  "cache_control":{"type":"ephemeral"}}]},
               {"role":"user","content":[
                 {"type":"tool_result","tool_use_id":"toolu_1","cache_control":{"type":"ephemeral"},
                  "content":[{"type":"text","text":"done","cache_control":{"type":"ephemeral"}}]},
                 {"type":"tool_result","tool_use_id":"toolu_2","content":"plain","is_error":true}]},
               {"role":"assistant","content":"unmarked string"}],
             "tools":[{"name":"Write","description":"writes","cache_control":{"type":"ephemeral"},
                       "input_schema":{"type":"object","properties":{"cache_control":{"type":"string"}}}},
                      {"name":"Read","input_schema":{"type":"object"}}],
             "temperature":0.5,"stream":true,"metadata":{"user_id":"u"},
             "output_config":{"effort":"high"},"context_management":{"edits":[]},"service_tier":"auto"}
            """;

    static List<CompatOptions> options() {
        return List.of(
                CompatOptions.defaults(),
                new CompatOptions(null, null, null, null, false, null, null, null),
                new CompatOptions(List.of("temperature", "speed", "metadata", "model", "tools"), null, null, null,
                        null, null, null, null),
                new CompatOptions(List.of(), null, null, null, true, null, null, null));
    }

    @ParameterizedTest
    @MethodSource("options")
    void claudeCodesRequestIsWrittenAsTheMapsWroteIt(CompatOptions options) throws IOException {
        assertSameAsMaps(fixture(), options);
    }

    @ParameterizedTest
    @MethodSource("options")
    void aMarkerInEveryPlaceIsRemovedAsTheMapsRemovedIt(CompatOptions options) throws IOException {
        assertSameAsMaps(MARKED_EVERYWHERE.getBytes(StandardCharsets.UTF_8), options);
    }

    @Test
    void markersAreRemovedWhereAnthropicAllowsThemAndKeptInTheUsersData() throws IOException {
        MessagesRequest request = JSON.read(MARKED_EVERYWHERE.getBytes(StandardCharsets.UTF_8), MessagesRequest.class);
        JsonNode written = MAPPER.readTree(new CompatWriter(CompatOptions.defaults(), JSON).write(request));

        assertThat(written.findValues("cache_control")).hasSize(2);
        assertThat(written.at("/messages/1/content/1/input/cache_control").asText()).isEqualTo("the user's own");
        assertThat(written.at("/tools/0/input_schema/properties/cache_control/type").asText()).isEqualTo("string");
        assertThat(written.has("output_config")).isFalse();
        assertThat(written.get("speed").asText()).isEqualTo("fast");
    }

    @Test
    void aRequestWithoutMarkersKeepsItsOwnRecords() {
        MessagesRequest plain = MessagesRequest.of("qwen", 10, List.of(new dev.anyclaude.api.model.InputMessage("user",
                dev.anyclaude.api.model.Content.of("hi"))));
        MessagesRequest trimmed = new CompatWriter(CompatOptions.defaults(), JSON).trimmed(plain);
        assertThat(trimmed.messages()).isSameAs(plain.messages());
    }

    private static void assertSameAsMaps(byte[] body, CompatOptions options) throws IOException {
        MessagesRequest request = JSON.read(body, MessagesRequest.class);
        byte[] records = new CompatWriter(options, JSON).write(request);
        byte[] maps = writtenThroughMaps(request, options);
        assertThat(new String(records, StandardCharsets.UTF_8)).isEqualTo(new String(maps, StandardCharsets.UTF_8));
    }

    private static byte[] fixture() throws IOException {
        try (InputStream in = CompatWriterTest.class.getResourceAsStream("/fixtures/claude-code-request.json")) {
            return in.readAllBytes();
        }
    }

    // The reference: the writer as it was before it worked on records.

    @SuppressWarnings("unchecked")
    private static byte[] writtenThroughMaps(MessagesRequest request, CompatOptions options) {
        Map<String, Object> tree = new LinkedHashMap<>(JSON.convert(request, Map.class));
        options.dropFields().forEach(tree::remove);
        if (options.stripCacheControl()) {
            tree.remove("cache_control");
            tree.computeIfPresent("system", (k, v) -> withoutMarkers(v));
            tree.computeIfPresent("tools", (k, v) -> withoutMarkers(v));
            tree.computeIfPresent("messages", (k, v) -> v instanceof List<?> turns
                    ? turns.stream().map(turn -> turn instanceof Map<?, ?> m
                            ? withContentMarkersRemoved((Map<String, Object>) m) : turn).toList()
                    : v);
        }
        return JSON.write(tree);
    }

    private static Object withContentMarkersRemoved(Map<String, Object> turn) {
        Map<String, Object> copy = new LinkedHashMap<>(turn);
        copy.computeIfPresent("content", (k, v) -> withoutMarkers(v));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object withoutMarkers(Object value) {
        if (!(value instanceof List<?> items)) {
            return value;
        }
        return items.stream().map(item -> {
            if (!(item instanceof Map<?, ?> map)) {
                return item;
            }
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
            copy.remove("cache_control");
            if ("tool_result".equals(copy.get("type"))) {
                copy.computeIfPresent("content", (k, v) -> withoutMarkers(v));
            }
            return copy;
        }).toList();
    }
}
