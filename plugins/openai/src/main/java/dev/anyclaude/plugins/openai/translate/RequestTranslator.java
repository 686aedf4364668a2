package dev.anyclaude.plugins.openai.translate;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.TokenEstimate;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.InputMessage;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.Tool;
import dev.anyclaude.api.model.ToolChoice;
import dev.anyclaude.plugins.openai.wire.ChatMessage;
import dev.anyclaude.plugins.openai.wire.ChatRequest;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import dev.anyclaude.plugins.openai.wire.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates an Anthropic Messages request into an OpenAI Chat Completions request (PROTOCOLS.md 5.1).
 *
 * <p>The upstream request streams when the client's does (or always, with {@code alwaysStream}), with
 * {@code stream_options.include_usage} unless the options turn it off; a non-streaming client's request asks for
 * one JSON completion, which is translated into the same events a stream would give and aggregated by the proxy.
 * Anthropic-only fields ({@code metadata}, {@code context_management}, {@code output_config},
 * {@code cache_control}, {@code service_tier}, beta flags, unknown top-level fields) are never forwarded.
 *
 * <p>Immutable and thread-safe; one instance serves a backend.
 *
 * <pre>{@code
 * Translation t = translator.translate(call.request().withModel(upstreamModel));
 * byte[] body = json.writeRequest(t.request(), config.extraBody());
 * }</pre>
 */
public final class RequestTranslator {
    private final TranslationOptions options;
    private final OpenAiJson json;
    private final SchemaSanitizer sanitizer;

    /**
     * @param options how to adapt requests to the server; not null
     * @param json    the codec used to encode tool-call arguments; not null
     */
    public RequestTranslator(TranslationOptions options, OpenAiJson json) {
        this.options = java.util.Objects.requireNonNull(options, "options");
        this.json = java.util.Objects.requireNonNull(json, "json");
        this.sanitizer = new SchemaSanitizer(options.schemaDenyList());
    }

    /**
     * Translates a request; its {@code model} is sent as the upstream model.
     *
     * @throws AnthropicException 400 {@code invalid_request_error} when the request has no messages
     */
    public Translation translate(MessagesRequest request) {
        if (request.messages() == null) {
            throw AnthropicException.invalidRequest("messages: field required");
        }
        List<Tool> tools = request.tools() == null ? List.of()
                : request.tools().stream().filter(Tool::isClientTool).toList();
        ToolNames names = ToolNames.of(toolNames(request, tools), options.toolNameLimit());

        MessageConverter converter = new MessageConverter(options, names, json);
        List<ChatMessage> conversation = converter.convert(request.messages());
        List<String> system = new ArrayList<>();
        String prompt = ContentRenderer.systemText(request.system());
        if (!prompt.isEmpty()) {
            system.add(prompt);
        }
        system.addAll(converter.systemTexts());
        List<ChatMessage> messages = new ArrayList<>();
        if (!system.isEmpty()) {
            messages.add(ChatMessage.system(String.join(ContentRenderer.JOINER, system)));
        }
        messages.addAll(conversation);

        Integer maxTokens = maxTokens(request.maxTokens());
        boolean maxCompletion = options.maxTokensField() == TranslationOptions.MaxTokensField.MAX_COMPLETION_TOKENS;
        Map<String, Object> extra = new LinkedHashMap<>();
        if (options.topK() && request.topK() != null) {
            extra.put("top_k", request.topK());
        }
        List<ToolDefinition> definitions = tools.stream().map(tool -> definition(tool, names)).toList();
        boolean streams = options.asksStream(request);
        ChatRequest chat = new ChatRequest(
                request.model(),
                messages,
                maxCompletion ? null : maxTokens,
                maxCompletion ? maxTokens : null,
                request.temperature(),
                request.topP(),
                request.stopSequences() == null || request.stopSequences().isEmpty() ? null : request.stopSequences(),
                streams,
                streams && options.streamUsage() ? new ChatRequest.StreamOptions(true) : null,
                definitions.isEmpty() ? null : definitions,
                definitions.isEmpty() ? null : ToolChoices.choice(request.toolChoice(), names),
                definitions.isEmpty() ? null : ToolChoices.parallel(request.toolChoice(), options.parallelToolCalls()),
                options.reasoningEffort() ? ReasoningEffort.of(request) : null,
                extra);
        int estimate = (int) Math.min(Integer.MAX_VALUE, TokenEstimate.inputTokens(request));
        return new Translation(chat, names, estimate);
    }

    private Integer maxTokens(Integer requested) {
        if (requested == null || options.maxOutputTokens() == null) {
            return requested;
        }
        return Math.min(requested, options.maxOutputTokens());
    }

    private ToolDefinition definition(Tool tool, ToolNames names) {
        // Only name, description and a sanitised schema cross: cache_control, defer_loading, strict, a tool-level
        // type and eager_input_streaming have no OpenAI meaning (a merged `type` once broke parameters.type).
        return ToolDefinition.function(names.upstream(tool.name()), tool.description(),
                sanitizer.sanitize(tool.inputSchema()));
    }

    private static List<String> toolNames(MessagesRequest request, List<Tool> tools) {
        List<String> names = new ArrayList<>();
        tools.forEach(tool -> names.add(tool.name()));
        for (InputMessage message : request.messages()) {
            for (ContentBlock block : message.content().blocks()) {
                if (block instanceof ContentBlock.ToolUse use) {
                    names.add(use.name());
                }
            }
        }
        if (request.toolChoice() instanceof ToolChoice.Named named) {
            names.add(named.name());
        }
        return names;
    }
}
