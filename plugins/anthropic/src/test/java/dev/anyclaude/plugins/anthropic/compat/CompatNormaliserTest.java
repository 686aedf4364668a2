package dev.anyclaude.plugins.anthropic.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.core.json.ProtocolJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compatible mode on a Claude Code-shaped request (the fixture has every field Claude Code 2.1 sends). */
class CompatNormaliserTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ProtocolJson json = new ProtocolJson();

    private JsonNode normalised(CompatOptions options) throws IOException {
        MessagesRequest request = json.read(fixture(), MessagesRequest.class);
        byte[] out = new CompatWriter(options, json).write(new CompatNormaliser(options).normalise(request));
        return MAPPER.readTree(out);
    }

    private static byte[] fixture() throws IOException {
        try (InputStream in = CompatNormaliserTest.class.getResourceAsStream("/fixtures/claude-code-request.json")) {
            return in.readAllBytes();
        }
    }

    @Test
    void systemMessagesInsideMessagesAreFoldedIntoTheSystemPromptInOrder() throws IOException {
        JsonNode body = normalised(CompatOptions.defaults());

        List<String> roles = new ArrayList<>();
        body.path("messages").forEach(m -> roles.add(m.path("role").asText()));
        assertThat(roles).containsExactly("user", "assistant", "user");
        List<String> system = new ArrayList<>();
        body.path("system").forEach(b -> system.add(b.path("text").asText()));
        assertThat(system).containsExactly("You are Claude Code.", "Be brief.", "Environment: linux, cwd /tmp/x",
                "later turns send a plain string");
    }

    @Test
    void anthropicOnlyFieldsAndCacheMarkersAreDroppedAndTheRestKept() throws IOException {
        JsonNode body = normalised(CompatOptions.defaults());

        assertThat(body.has("output_config")).isFalse();
        assertThat(body.has("context_management")).isFalse();
        assertThat(body.has("service_tier")).isFalse();
        assertThat(body.has("cache_control")).isFalse();
        assertThat(body.toString()).doesNotContain("cache_control", "x-anthropic-billing-header");
        assertThat(body.path("metadata").isObject()).isTrue();
        assertThat(body.path("future_field").isMissingNode()).isFalse();
        assertThat(body.path("model").asText()).isEqualTo("claude-opus-5-5");
        assertThat(body.path("stream").asBoolean()).isTrue();
        JsonNode toolUse = body.path("messages").get(1).path("content").get(3);
        assertThat(toolUse.path("input").path("file_path").asText()).isEqualTo("/tmp/x/README.md");
    }

    @Test
    void adaptiveThinkingBecomesEnabledWithABudgetBelowMaxTokensAndLosesDisplay() throws IOException {
        JsonNode thinking = normalised(CompatOptions.defaults()).path("thinking");

        assertThat(thinking.path("type").asText()).isEqualTo("enabled");
        assertThat(thinking.path("budget_tokens").asInt()).isEqualTo(8192);
        assertThat(thinking.has("display")).isFalse();
    }

    @Test
    void adaptiveThinkingCanBeDropped() throws IOException {
        CompatOptions drop = new CompatOptions(null, null, "drop", null, null, null, null, null);

        assertThat(normalised(drop).has("thinking")).isFalse();
    }

    @Test
    void enabledThinkingKeepsALegalBudgetOrGoes() {
        CompatNormaliser normaliser = new CompatNormaliser(CompatOptions.defaults());
        MessagesRequest base = json.read(("{\"model\":\"m\",\"max_tokens\":4000,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}],\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":31999,\"display\":"
                + "\"omitted\"}}").getBytes(), MessagesRequest.class);
        MessagesRequest small = json.read(("{\"model\":\"m\",\"max_tokens\":1000,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}],\"thinking\":{\"type\":\"adaptive\"}}").getBytes(), MessagesRequest.class);

        assertThat(json.convert(normaliser.normalise(base), Map.class).get("thinking"))
                .isEqualTo(Map.of("type", "enabled", "budget_tokens", 3999));
        assertThat(normaliser.normalise(small).thinking()).isNull();
    }

    @Test
    void allThinkingCanBeDropped() throws IOException {
        CompatOptions none = new CompatOptions(null, null, null, null, null, null, null, true);

        assertThat(normalised(none).has("thinking")).isFalse();
    }

    @Test
    void deferredToolsAreExpandedByDefaultOrDropped() throws IOException {
        JsonNode expanded = normalised(CompatOptions.defaults()).path("tools");
        JsonNode dropped = normalised(new CompatOptions(null, null, null, null, null, "drop", null, null)).path("tools");

        assertThat(expanded).hasSize(3);
        assertThat(expanded.toString()).contains("mcp__x__deferred").doesNotContain("defer_loading");
        assertThat(dropped).hasSize(2);
        assertThat(dropped.toString()).doesNotContain("mcp__x__deferred");
    }

    @Test
    void theDropListAndCacheMarkersAreConfigurable() throws IOException {
        CompatOptions options = new CompatOptions(List.of("metadata"), null, null, null, false, null, false, null);
        JsonNode body = normalised(options);

        assertThat(body.has("metadata")).isFalse();
        assertThat(body.has("output_config")).isTrue();
        assertThat(body.toString()).contains("cache_control", "x-anthropic-billing-header");
    }

    @Test
    void betaFlagsAreDroppedUnlessAllowed() {
        assertThat(CompatOptions.defaults().allowsBeta("claude-code-20250219")).isFalse();
        CompatOptions some = new CompatOptions(null, List.of("interleaved-thinking-2025-05-14"), null, null, null,
                null, null, null);
        assertThat(some.allowsBeta("interleaved-thinking-2025-05-14")).isTrue();
        assertThat(some.allowsBeta("claude-code-20250219")).isFalse();
        assertThat(new CompatOptions(null, List.of("*"), null, null, null, null, null, null).allowsBeta("x")).isTrue();
    }
}
