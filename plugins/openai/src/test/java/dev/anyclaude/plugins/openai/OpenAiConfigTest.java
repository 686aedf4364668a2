package dev.anyclaude.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiConfigTest {

    @Test
    void nullValuesInExtraBodyAreKeptSoTheyCanRemoveFields() {
        Map<String, Object> extra = new HashMap<>();
        extra.put("stream_options", null);
        extra.put("top_k", 20);

        OpenAiConfig config = new OpenAiConfig("http://127.0.0.1:8000/v1/", null, null, null, null, extra, null, null);

        assertThat(config.extraBody()).containsEntry("stream_options", null).containsEntry("top_k", 20);
        assertThat(config.baseUrl()).isEqualTo("http://127.0.0.1:8000/v1");
    }
}
