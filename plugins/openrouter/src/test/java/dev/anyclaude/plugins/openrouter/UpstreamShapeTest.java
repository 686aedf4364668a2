package dev.anyclaude.plugins.openrouter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.anyclaude.plugins.openai.OpenAiConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpstreamShapeTest {

    @Test
    void defaultsPointAtOpenRouterWithAttributionHeaders() {
        OpenAiConfig openai = UpstreamShape.toOpenAi(TestConfigs.read("{\"model\":\"qwen/qwen3-coder\"}"));

        assertThat(openai.baseUrl()).isEqualTo("https://openrouter.ai/api/v1");
        assertThat(openai.model()).isEqualTo("qwen/qwen3-coder");
        assertThat(openai.headers()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "HTTP-Referer", "https://github.com/anyclaude/anyclaude", "X-Title", "anyclaude"));
        assertThat(openai.extraBody()).isEmpty();
        assertThat(openai.translation()).isEmpty();
        assertThat(openai.apiKey()).as("the key travels separately, never in the config copy").isNull();
    }

    @Test
    void providerReasoningUsageTransformsPluginsAndFallbackModelsPassVerbatim() {
        OpenAiConfig openai = UpstreamShape.toOpenAi(TestConfigs.read("""
                {"model":"qwen/qwen3-coder","models":["moonshotai/kimi-k2","z-ai/glm-4.6"],
                 "provider":{"order":["cerebras","groq"],"allow_fallbacks":false,"data_collection":"deny"},
                 "reasoning":{"max_tokens":2000,"exclude":true},"usage":{"include":true},
                 "transforms":["middle-out"],"plugins":[{"id":"context-compression"}]}"""));

        assertThat(openai.extraBody()).containsEntry("models", List.of("moonshotai/kimi-k2", "z-ai/glm-4.6"))
                .containsEntry("provider", Map.of("order", List.of("cerebras", "groq"), "allow_fallbacks", false,
                        "data_collection", "deny"))
                .containsEntry("reasoning", Map.of("max_tokens", 2000, "exclude", true))
                .containsEntry("usage", Map.of("include", true))
                .containsEntry("transforms", List.of("middle-out"))
                .containsEntry("plugins", List.of(Map.of("id", "context-compression")));
    }

    @Test
    void configuredReasoningTurnsOffTheTranslatedReasoningEffort() {
        assertThat(UpstreamShape.toOpenAi(TestConfigs.read("{\"model\":\"m\",\"reasoning\":{\"effort\":\"low\"}}"))
                .translation()).containsEntry("reasoningEffort", false);
        assertThat(UpstreamShape.toOpenAi(TestConfigs.read("{\"model\":\"m\"}")).translation())
                .doesNotContainKey("reasoningEffort");
    }

    @Test
    void namedFieldsOverrideExtraBodyAndOwnHeadersOverrideAttribution() {
        OpenAiConfig openai = UpstreamShape.toOpenAi(TestConfigs.read("""
                {"model":"m","baseUrl":"http://127.0.0.1:9/v1/","referer":"","title":"my-app",
                 "headers":{"X-Title":"override"},"extraBody":{"provider":{"sort":"price"},"top_k":20},
                 "provider":{"sort":"throughput"},"timeoutSeconds":30}"""));

        assertThat(openai.baseUrl()).isEqualTo("http://127.0.0.1:9/v1");
        assertThat(openai.headers()).containsExactly(Map.entry("X-Title", "override"));
        assertThat(openai.extraBody()).containsEntry("provider", Map.of("sort", "throughput")).containsEntry("top_k", 20);
        assertThat(openai.timeoutSeconds()).isEqualTo(30);
    }

    @Test
    void modelIsRequiredWithAnExample() {
        assertThatThrownBy(() -> TestConfigs.read("{\"apiKey\":\"k\"}"))
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause().hasMessageContaining("model: field required").hasMessageContaining("qwen/qwen3-coder");
    }

    @Test
    void nullInExtraBodyRemovesAFieldUpstream() {
        OpenAiConfig openai = UpstreamShape.toOpenAi(TestConfigs.read(
                "{\"model\":\"m\",\"extraBody\":{\"stream_options\":null}}"));

        assertThat(openai.extraBody()).containsEntry("stream_options", null);
    }
}
