package dev.anyclaude.plugins.openai.translate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Set;

/**
 * How {@link RequestTranslator} adapts a request to one OpenAI-compatible server. Every field is optional in a
 * config block (camelCase names); null means the default below, so {@code new TranslationOptions(null, ...)} and
 * {@link #defaults()} are the same. The defaults suit a generic local server (vLLM, llama.cpp, Ollama, LM Studio).
 *
 * <pre>{@code
 * TranslationOptions mlx = TranslationOptions.builder().images(false).build();
 * TranslationOptions gemini = TranslationOptions.builder().schemaDenyList(TranslationOptions.STRICT_SCHEMA).build();
 * }</pre>
 *
 * @param systemMessages       what to do with {@code role:"system"} messages inside {@code messages} (Claude Code
 *                             2.x sends one after the first user turn): {@link SystemMessages#MERGE} (default)
 *                             appends their text, in order, to the leading system message, because some chat
 *                             templates accept a system message only at position 0; {@link SystemMessages#INLINE}
 *                             keeps each as a {@code system} message where it stands
 * @param images               true (default): images become {@code image_url} parts; false: a text placeholder,
 *                             for servers that reject non-text parts (mlx_lm.server)
 * @param reasoningHistory     false (default): earlier thinking blocks are dropped; true: their text is sent as
 *                             the assistant message's {@code reasoning_content}, for templates that render it
 * @param toolNameLimit        the longest tool name the server accepts; default 64 (OpenAI's limit). Longer
 *                             names, and names with characters outside {@code [A-Za-z0-9_-]}, are shortened
 *                             deterministically and restored in answers, see {@link ToolNames}
 * @param schemaDenyList       JSON Schema keywords removed from tool parameters at every depth; default empty.
 *                             {@code $schema} is always removed at the top. {@link #STRICT_SCHEMA} suits servers
 *                             that validate schemas strictly (Gemini's OpenAI endpoint)
 * @param topK                 true (default): {@code top_k} is sent as a non-standard field when the client set
 *                             it; false: dropped (OpenAI itself rejects it)
 * @param maxTokensField       the name the output cap is sent under: {@link MaxTokensField#MAX_TOKENS} (default;
 *                             the widest support) or {@link MaxTokensField#MAX_COMPLETION_TOKENS} (OpenAI reasoning
 *                             models reject {@code max_tokens})
 * @param maxOutputTokens      an upper bound on the output cap sent upstream; default null (none). Claude Code asks
 *                             for 32000 to 128000 tokens, which servers with a small context refuse
 * @param reasoningEffort      true (default): thinking enabled/adaptive and {@code output_config.effort} become
 *                             {@code reasoning_effort} (see {@link ReasoningEffort}); false: never sent
 * @param streamUsage          true (default): {@code stream_options:{"include_usage":true}} is sent; false for
 *                             servers that reject {@code stream_options} (old Ollama)
 * @param parallelToolCalls    the {@code parallel_tool_calls} value sent when the request has tools and the
 *                             client did not disable parallel use; default null (not sent). llama.cpp needs
 *                             true to call several tools at once. {@code disable_parallel_tool_use} always sends
 *                             false
 * @param alwaysStream         false (default): the upstream is asked for a stream when the client asked for one,
 *                             and for one JSON completion otherwise; true: always for a stream, which the proxy
 *                             aggregates for a non-streaming client (a long non-streamed answer is then watched by
 *                             the idle timeout rather than only by the wait for headers; and for servers whose
 *                             non-streaming mode is broken)
 */
public record TranslationOptions(@JsonProperty("systemMessages") SystemMessages systemMessages,
                                 @JsonProperty("images") Boolean images,
                                 @JsonProperty("reasoningHistory") Boolean reasoningHistory,
                                 @JsonProperty("toolNameLimit") Integer toolNameLimit,
                                 @JsonProperty("schemaDenyList") Set<String> schemaDenyList,
                                 @JsonProperty("topK") Boolean topK,
                                 @JsonProperty("maxTokensField") MaxTokensField maxTokensField,
                                 @JsonProperty("maxOutputTokens") Integer maxOutputTokens,
                                 @JsonProperty("reasoningEffort") Boolean reasoningEffort,
                                 @JsonProperty("streamUsage") Boolean streamUsage,
                                 @JsonProperty("parallelToolCalls") Boolean parallelToolCalls,
                                 @JsonProperty("alwaysStream") Boolean alwaysStream) {

    /**
     * Keywords that strict schema validators reject (Gemini: {@code additionalProperties}, {@code $schema},
     * {@code propertyNames}; also {@code format} and the exclusive bounds).
     */
    public static final Set<String> STRICT_SCHEMA = Set.of("$schema", "$id", "$comment", "additionalProperties",
            "propertyNames", "patternProperties", "unevaluatedProperties", "format", "exclusiveMinimum",
            "exclusiveMaximum");

    /** The shortest name limit that leaves room for a readable prefix beside the 9-character hash suffix. */
    public static final int MIN_TOOL_NAME_LIMIT = 16;

    public TranslationOptions {
        systemMessages = systemMessages == null ? SystemMessages.MERGE : systemMessages;
        images = images == null || images;
        reasoningHistory = reasoningHistory != null && reasoningHistory;
        toolNameLimit = toolNameLimit == null ? 64 : toolNameLimit;
        if (toolNameLimit < MIN_TOOL_NAME_LIMIT) {
            throw new IllegalArgumentException("toolNameLimit: must be at least " + MIN_TOOL_NAME_LIMIT);
        }
        schemaDenyList = schemaDenyList == null ? Set.of() : Set.copyOf(schemaDenyList);
        topK = topK == null || topK;
        maxTokensField = maxTokensField == null ? MaxTokensField.MAX_TOKENS : maxTokensField;
        if (maxOutputTokens != null && maxOutputTokens < 1) {
            throw new IllegalArgumentException("maxOutputTokens: must be at least 1");
        }
        reasoningEffort = reasoningEffort == null || reasoningEffort;
        streamUsage = streamUsage == null || streamUsage;
        alwaysStream = alwaysStream != null && alwaysStream;
    }

    /** Whether the upstream request for this client request asks for a stream: when the client's does, or always. */
    public boolean asksStream(dev.anyclaude.api.model.MessagesRequest request) {
        return request.isStreaming() || alwaysStream;
    }

    /** Every option at its default. */
    public static TranslationOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    @JsonIgnore
    public Builder toBuilder() {
        Builder b = new Builder();
        b.systemMessages = systemMessages;
        b.images = images;
        b.reasoningHistory = reasoningHistory;
        b.toolNameLimit = toolNameLimit;
        b.schemaDenyList = schemaDenyList;
        b.topK = topK;
        b.maxTokensField = maxTokensField;
        b.maxOutputTokens = maxOutputTokens;
        b.reasoningEffort = reasoningEffort;
        b.streamUsage = streamUsage;
        b.parallelToolCalls = parallelToolCalls;
        b.alwaysStream = alwaysStream;
        return b;
    }

    /** Where {@code role:"system"} messages inside {@code messages} go; config values {@code merge}, {@code inline}. */
    public enum SystemMessages {
        MERGE, INLINE;

        @JsonValue
        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        static SystemMessages of(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** The field the output cap is sent as; config values {@code max_tokens}, {@code max_completion_tokens}. */
    public enum MaxTokensField {
        MAX_TOKENS, MAX_COMPLETION_TOKENS;

        @JsonValue
        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        static MaxTokensField of(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** Builds {@link TranslationOptions}; unset fields keep their defaults. */
    public static final class Builder {
        private SystemMessages systemMessages;
        private Boolean images;
        private Boolean reasoningHistory;
        private Integer toolNameLimit;
        private Set<String> schemaDenyList;
        private Boolean topK;
        private MaxTokensField maxTokensField;
        private Integer maxOutputTokens;
        private Boolean reasoningEffort;
        private Boolean streamUsage;
        private Boolean parallelToolCalls;
        private Boolean alwaysStream;

        private Builder() {
        }

        public Builder systemMessages(SystemMessages value) {
            systemMessages = value;
            return this;
        }

        public Builder images(boolean value) {
            images = value;
            return this;
        }

        public Builder reasoningHistory(boolean value) {
            reasoningHistory = value;
            return this;
        }

        public Builder toolNameLimit(int value) {
            toolNameLimit = value;
            return this;
        }

        public Builder schemaDenyList(Set<String> value) {
            schemaDenyList = value;
            return this;
        }

        public Builder topK(boolean value) {
            topK = value;
            return this;
        }

        public Builder maxTokensField(MaxTokensField value) {
            maxTokensField = value;
            return this;
        }

        public Builder maxOutputTokens(Integer value) {
            maxOutputTokens = value;
            return this;
        }

        public Builder reasoningEffort(boolean value) {
            reasoningEffort = value;
            return this;
        }

        public Builder streamUsage(boolean value) {
            streamUsage = value;
            return this;
        }

        public Builder parallelToolCalls(Boolean value) {
            parallelToolCalls = value;
            return this;
        }

        public Builder alwaysStream(boolean value) {
            alwaysStream = value;
            return this;
        }

        public TranslationOptions build() {
            return new TranslationOptions(systemMessages, images, reasoningHistory, toolNameLimit, schemaDenyList,
                    topK, maxTokensField, maxOutputTokens, reasoningEffort, streamUsage, parallelToolCalls,
                    alwaysStream);
        }
    }
}
