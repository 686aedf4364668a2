package dev.anyclaude.plugins.openai.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TranslationOptionsTest {

    @Test
    void defaultsSuitAGenericServer() {
        TranslationOptions options = TranslationOptions.defaults();
        assertThat(options.systemMessages()).isEqualTo(TranslationOptions.SystemMessages.MERGE);
        assertThat(options.images()).isTrue();
        assertThat(options.reasoningHistory()).isFalse();
        assertThat(options.toolNameLimit()).isEqualTo(64);
        assertThat(options.schemaDenyList()).isEmpty();
        assertThat(options.topK()).isTrue();
        assertThat(options.maxTokensField()).isEqualTo(TranslationOptions.MaxTokensField.MAX_TOKENS);
        assertThat(options.maxOutputTokens()).isNull();
        assertThat(options.reasoningEffort()).isTrue();
        assertThat(options.streamUsage()).isTrue();
        assertThat(options.parallelToolCalls()).isNull();
    }

    @Test
    void bindsFromAConfigBlockAsThePluginContextDoes() {
        Map<String, Object> block = Map.of("systemMessages", "inline", "images", false,
                "maxTokensField", "max_completion_tokens", "schemaDenyList", List.of("format"),
                "maxOutputTokens", 8192, "somethingElse", "ignored");

        TranslationOptions options = TestJson.PROTOCOL.convertValue(block, TranslationOptions.class);

        assertThat(options).isEqualTo(TranslationOptions.builder()
                .systemMessages(TranslationOptions.SystemMessages.INLINE).images(false)
                .maxTokensField(TranslationOptions.MaxTokensField.MAX_COMPLETION_TOKENS)
                .schemaDenyList(Set.of("format")).maxOutputTokens(8192).build());
        assertThat(TestJson.PROTOCOL.convertValue(Map.of(), TranslationOptions.class))
                .isEqualTo(TranslationOptions.defaults());
    }

    @Test
    void rejectsLimitsThatCannotWork() {
        assertThatThrownBy(() -> TranslationOptions.builder().toolNameLimit(8).build())
                .hasMessageContaining("toolNameLimit");
        assertThatThrownBy(() -> TranslationOptions.builder().maxOutputTokens(0).build())
                .hasMessageContaining("maxOutputTokens");
    }

    @Test
    void toBuilderKeepsEveryField() {
        TranslationOptions options = TranslationOptions.builder().reasoningHistory(true).topK(false)
                .streamUsage(false).reasoningEffort(false).parallelToolCalls(true).toolNameLimit(40)
                .schemaDenyList(TranslationOptions.STRICT_SCHEMA).build();
        assertThat(options.toBuilder().build()).isEqualTo(options);
    }
}
