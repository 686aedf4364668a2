package dev.anyclaude.plugins.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CacheKeysTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final CacheKeys KEYS = new CacheKeys(MAPPER, TestCall.JSON);

    private static final String BASE = """
            {"model":"qwen","max_tokens":1024,"stream":true,
             "system":[{"type":"text","text":"x-anthropic-billing-header: cc_version=2.1.3; cch=abc"},
                       {"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral"}}]}],
             "tools":[{"name":"Read","description":"reads","input_schema":{"type":"object"}}],
             "temperature":1,
             "metadata":{"user_id":"user_abc_session_123"}}
            """;

    private static CacheKey key(String body, String... headers) {
        return KEYS.keyOf(TestCall.of(body, headers));
    }

    @Test
    void sameRequestGivesSameKey() {
        assertThat(key(BASE, "x-api-key", "sk-1")).isEqualTo(key(BASE, "x-api-key", "sk-1"));
    }

    @Test
    void keyOrderAndNumberSpellingDoNotChangeTheKey() {
        String reordered = """
                {"stream":true,"temperature":1.0,"max_tokens":1024,"model":"qwen",
                 "messages":[{"content":[{"text":"hi","type":"text"}],"role":"user"}],
                 "tools":[{"input_schema":{"type":"object"},"description":"reads","name":"Read"}],
                 "system":[{"text":"You are Claude Code.","type":"text"}]}
                """;
        assertThat(key(reordered)).isEqualTo(key(BASE));
    }

    @Test
    void volatileFieldsDoNotChangeTheKey() {
        String volatileChanged = BASE
                .replace("user_abc_session_123", "user_abc_session_999")
                .replace("cch=abc", "cch=def")
                .replace("\"stream\":true", "\"stream\":false,\"service_tier\":\"auto\"")
                .replace(",\"cache_control\":{\"type\":\"ephemeral\"}", "");
        assertThat(key(volatileChanged)).isEqualTo(key(BASE));
    }

    @Test
    void stringContentIsTheSameAsOneTextBlock() {
        String asString = BASE.replace("[{\"type\":\"text\",\"text\":\"hi\",\"cache_control\":{\"type\":\"ephemeral\"}}]",
                "\"hi\"");
        assertThat(asString).isNotEqualTo(BASE);
        assertThat(key(asString)).isEqualTo(key(BASE));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"max_tokens\":1024>\"max_tokens\":1025",
            "You are Claude Code.>You are a pirate.",
            "\"text\":\"hi\">\"text\":\"hello\"",
            "\"name\":\"Read\">\"name\":\"Write\"",
            "\"temperature\":1>\"temperature\":0.5",
            "\"temperature\":1>\"temperature\":1,\"top_p\":0.9",
            "\"temperature\":1>\"temperature\":1,\"top_k\":40",
            "\"temperature\":1>\"temperature\":1,\"stop_sequences\":[\"END\"]",
            "\"temperature\":1>\"temperature\":1,\"tool_choice\":{\"type\":\"any\"}",
            "\"temperature\":1>\"temperature\":1,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}",
            "\"temperature\":1>\"temperature\":1,\"output_config\":{\"effort\":\"low\"}",
            "\"temperature\":1>\"temperature\":1,\"a_future_field\":true",
    })
    void whatShapesTheAnswerChangesTheKey(String change) {
        String[] fromTo = change.split(">");
        String changed = BASE.replace(fromTo[0], fromTo[1]);
        assertThat(changed).isNotEqualTo(BASE);
        assertThat(key(changed)).isNotEqualTo(key(BASE));
    }

    @Test
    void backendModelAndBetaFlagsChangeTheKey() {
        TestCall call = TestCall.of(BASE);
        CacheKey base = KEYS.keyOf(call);
        assertThat(KEYS.keyOf(call.withBackend("gpu-box"))).isNotEqualTo(base);
        assertThat(KEYS.keyOf(call.withModel("qwen-large"))).isNotEqualTo(base);
        assertThat(key(BASE, "anthropic-beta", "context-1m-2025-08-07")).isNotEqualTo(base);
        assertThat(key(BASE, "anthropic-beta", "b, a")).isEqualTo(key(BASE, "anthropic-beta", "a,b"));
    }

    @Test
    void differentCredentialsNeverShareAKey() {
        assertThat(key(BASE, "x-api-key", "sk-alice")).isNotEqualTo(key(BASE, "x-api-key", "sk-bob"));
        assertThat(key(BASE, "authorization", "Bearer alice")).isNotEqualTo(key(BASE, "authorization", "Bearer bob"));
        assertThat(key(BASE, "x-api-key", "sk-alice")).isNotEqualTo(key(BASE));
    }

    @Test
    void theTenantIsAHashNeverTheCredential() {
        String tenant = CacheKeys.tenant(TestCall.of(BASE, "x-api-key", "sk-ant-secret").headers());
        assertThat(tenant).hasSize(64).doesNotContain("secret").matches("[0-9a-f]+");
    }

    @Test
    void aChangedRequestIsKeyedLikeTheSameRawBody() {
        TestCall raw = TestCall.of(BASE);
        assertThat(KEYS.keyOf(raw.withRequest(raw.request()))).isEqualTo(KEYS.keyOf(raw));
    }

    @Test
    void theCanonicalFormIsSortedAndLeavesOutVolatileFields() throws Exception {
        String canonical = CacheKeys.canonical((ObjectNode) MAPPER.readTree(BASE));
        assertThat(canonical).isEqualTo("{\"max_tokens\":1024,"
                + "\"messages\":[{\"content\":[{\"text\":\"hi\",\"type\":\"text\"}],\"role\":\"user\"}],"
                + "\"system\":[{\"text\":\"You are Claude Code.\",\"type\":\"text\"}],"
                + "\"temperature\":1,"
                + "\"tools\":[{\"description\":\"reads\",\"input_schema\":{\"type\":\"object\"},\"name\":\"Read\"}]}");
    }

    /** Escapes, characters outside ASCII (a pair and an unpaired surrogate) and numbers in every spelling. */
    private static final String RICH = """
            {"model":"qwen","max_tokens":1024,"temperature":0.50,"top_p":1e0,"top_k":40.0,
             "system":"Line one\\nline \\"two\\"\\t\\u0001\\u001f\\/ caf\\u00e9 café \\ud83d\\ude00 \\ud800 end",
             "messages":[{"role":"user","content":"\\u00e9\\u20ac\\b\\f\\r\\\\ ok"}],
             "extra":{"big":12345678901234567890,"neg":-0.0,"tiny":3.0e-5,"huge":1e20,"exp":2E+3,"list":[true,false,null]}}
            """;

    /**
     * The key's bytes are a format: recorded exchanges are named by it and the disk and clustered tiers keep it across
     * versions, so a faster way of computing it must give the same keys ({@link #VERSION} changes otherwise).
     */
    @Test
    void keysAreStableAcrossVersionsOfTheCode() {
        assertThat(key(BASE, "x-api-key", "sk-1", "anthropic-beta", "b2, b1").hex()).isEqualTo("30dac44560991e034e7c033ca2655c4be01e44f1eca681f2a916331103ecbadf");
        assertThat(key(RICH).hex()).isEqualTo("1e53c9eeb293fa612c6301538ccc3e7d73cb837a46689957b9b84372cd394d2d");
    }

    /** The tenant and beta flags of the headers seen last are remembered; calls that alternate must not mix them. */
    @Test
    void alternatingCredentialsAndFlagsKeepTheirOwnKeys() {
        CacheKeys keys = new CacheKeys(MAPPER, TestCall.JSON);
        CacheKey first = keys.keyOf(TestCall.of(BASE, "x-api-key", "sk-ant-one", "anthropic-beta", "b1"));
        CacheKey second = keys.keyOf(TestCall.of(BASE, "x-api-key", "sk-ant-two", "anthropic-beta", "b1"));
        CacheKey third = keys.keyOf(TestCall.of(BASE, "x-api-key", "sk-ant-one", "anthropic-beta", "b1,b2"));
        CacheKey again = keys.keyOf(TestCall.of(BASE, "x-api-key", "sk-ant-one", "anthropic-beta", "b1"));
        CacheKey sameLength = keys.keyOf(TestCall.of(BASE, "x-api-key", "sk-ant-onf", "anthropic-beta", "b1"));

        assertThat(again).isEqualTo(first);
        assertThat(java.util.Set.of(first, second, third, sameLength)).hasSize(4);
        assertThat(KEYS.keyOf(TestCall.of(BASE, "x-api-key", "sk-ant-two", "anthropic-beta", "b1"))).isEqualTo(second);
    }
}
