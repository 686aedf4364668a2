package dev.anyclaude.it;

import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockOpenAiServer;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Config and requests shared by the cache tests. */
final class CacheFixtures {
    private CacheFixtures() {
    }

    /**
     * The cache on, its disk tier in {@code dir}; {@code claude} passthrough to one mock, {@code uncached} the same
     * with {@code "cache": false}, {@code local} openai (when {@code openai} is not null).
     */
    static String config(Path dir, MockAnthropicServer anthropic, MockOpenAiServer openai) {
        return "{\"backend\":\"claude\",\"cache\":{\"diskMb\":16,\"path\":\"" + dir.toString().replace("\\", "\\\\")
                + "\"},\"backends\":{\"claude\":{\"type\":\"anthropic\",\"baseUrl\":\"" + anthropic.baseUrl()
                + "\",\"apiKeyEnv\":\"ANYCLAUDE_TEST_NO_SUCH_VARIABLE\"}"
                + ",\"uncached\":{\"type\":\"anthropic\",\"cache\":false,\"baseUrl\":\"" + anthropic.baseUrl()
                + "\",\"apiKeyEnv\":\"ANYCLAUDE_TEST_NO_SUCH_VARIABLE\"}"
                + (openai == null ? "" : ",\"local\":{\"type\":\"openai\",\"baseUrl\":\"" + openai.baseUrl()
                + "/v1\",\"apiKey\":\"sk-local-secret-1\"}")
                + "}}";
    }

    static String body(String model, String prompt, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
    }

    /** The value of an untagged metric in a Prometheus scrape; -1 when absent. */
    static double metric(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
