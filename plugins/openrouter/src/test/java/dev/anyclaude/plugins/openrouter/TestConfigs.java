package dev.anyclaude.plugins.openrouter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Config blocks read from JSON, as the proxy binds them. */
final class TestConfigs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestConfigs() {
    }

    static OpenRouterConfig read(String json) {
        try {
            return JSON.readValue(json, OpenRouterConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
