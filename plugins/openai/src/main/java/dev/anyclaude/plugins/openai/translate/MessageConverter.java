package dev.anyclaude.plugins.openai.translate;

import dev.anyclaude.api.model.Content;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.InputMessage;
import dev.anyclaude.plugins.openai.wire.ChatMessage;
import dev.anyclaude.plugins.openai.wire.ChatMessage.ContentPart;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import dev.anyclaude.plugins.openai.wire.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns Anthropic {@code messages} into OpenAI {@code messages}. The rules that keep OpenAI servers from
 * answering 400:
 * <ul>
 *   <li>Every {@code tool_result} becomes its own {@code tool} message, in the order of the calls, directly
 *       after the assistant message that made the calls; the rest of that user turn follows as one
 *       {@code user} message (user text before tool messages is a 400 on OpenAI).</li>
 *   <li>A call without a result (interrupted turn, compaction) gets a placeholder result; a result without a
 *       call becomes user text, since a {@code tool} message must answer a call.</li>
 *   <li>Consecutive turns of the same role are merged, also when a turn in between was dropped (an assistant
 *       turn that only held thinking).</li>
 *   <li>{@code role:"system"} turns are merged into the system prompt or kept in place, per
 *       {@link TranslationOptions#systemMessages()}; kept ones never split a call from its results.</li>
 * </ul>
 * Not thread-safe: one instance per request.
 */
final class MessageConverter {
    /** Starts the text of a result the client marked {@code is_error}. */
    static final String TOOL_ERROR_PREFIX = "[tool error] ";
    /** The result sent for a call the conversation never answered. */
    static final String MISSING_RESULT = "[no result: the tool call was interrupted before it returned]";

    private final TranslationOptions options;
    private final ContentRenderer renderer;
    private final ToolNames names;
    private final OpenAiJson json;

    private final List<String> systemTexts = new ArrayList<>();
    private final List<ChatMessage> out = new ArrayList<>();
    private final List<ChatMessage> deferredSystem = new ArrayList<>();
    private List<ToolCall> pending = List.of();

    MessageConverter(TranslationOptions options, ToolNames names, OpenAiJson json) {
        this.options = options;
        this.renderer = new ContentRenderer(options.images());
        this.names = names;
        this.json = json;
    }

    /** The text of {@code system} turns to append to the system prompt (merge mode); filled by convert. */
    List<String> systemTexts() {
        return systemTexts;
    }

    /** The OpenAI messages for these turns, without the leading system message. */
    List<ChatMessage> convert(List<InputMessage> turns) {
        for (InputMessage turn : mergedTurns(turns)) {
            switch (turn.role()) {
                case InputMessage.Role.ASSISTANT -> assistant(turn);
                case InputMessage.Role.SYSTEM -> system(turn);
                default -> user(turn);
            }
        }
        answerPending(new LinkedHashMap<>());
        return MessageMerger.mergeSameRole(out);
    }

    /** Drops merged-away system turns and joins consecutive user or assistant turns, as the Messages API does. */
    private List<InputMessage> mergedTurns(List<InputMessage> turns) {
        List<InputMessage> merged = new ArrayList<>();
        for (InputMessage turn : turns) {
            if (InputMessage.Role.SYSTEM.equals(turn.role())
                    && options.systemMessages() == TranslationOptions.SystemMessages.MERGE) {
                String text = ContentRenderer.systemText(turn.content());
                if (!text.isEmpty()) {
                    systemTexts.add(text);
                }
                continue;
            }
            InputMessage last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && last.role().equals(turn.role()) && !InputMessage.Role.SYSTEM.equals(turn.role())) {
                List<ContentBlock> blocks = new ArrayList<>(last.content().blocks());
                blocks.addAll(turn.content().blocks());
                merged.set(merged.size() - 1, new InputMessage(last.role(), new Content(blocks)));
            } else {
                merged.add(turn);
            }
        }
        return merged;
    }

    private void system(InputMessage turn) {
        String text = ContentRenderer.systemText(turn.content());
        if (!text.isEmpty()) {
            (pending.isEmpty() ? out : deferredSystem).add(ChatMessage.system(text));
        }
    }

    private void assistant(InputMessage turn) {
        answerPending(new LinkedHashMap<>());
        List<String> texts = new ArrayList<>();
        List<String> reasoning = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        for (ContentBlock block : turn.content().blocks()) {
            switch (block) {
                case ContentBlock.Text text when !text.text().isBlank() -> texts.add(text.text());
                case ContentBlock.Thinking thinking when options.reasoningHistory() -> reasoning.add(thinking.thinking());
                case ContentBlock.ToolUse use -> calls.add(ToolCall.of(use.id(), names.upstream(use.name()),
                        json.write(use.input())));
                // redacted thinking is opaque; server-tool blocks have no OpenAI form
                default -> { }
            }
        }
        String content = texts.isEmpty() ? null : String.join(ContentRenderer.JOINER, texts);
        String reasoningContent = reasoning.isEmpty() ? null : String.join(ContentRenderer.JOINER, reasoning);
        if (content == null && calls.isEmpty()) {
            if (reasoningContent == null) {
                return;
            }
            content = "";
        }
        out.add(new ChatMessage("assistant", content, reasoningContent, calls, null));
        pending = List.copyOf(calls);
    }

    private void user(InputMessage turn) {
        Map<String, ContentBlock.ToolResult> results = new LinkedHashMap<>();
        List<ContentPart> parts = new ArrayList<>();
        List<ContentPart> orphans = new ArrayList<>();
        for (ContentBlock block : turn.content().blocks()) {
            if (block instanceof ContentBlock.ToolResult result) {
                if (results.putIfAbsent(result.toolUseId(), result) != null) {
                    orphans.add(ContentPart.text(orphanText(result)));
                }
            } else {
                parts.addAll(renderer.userParts(block));
            }
        }
        answerPending(results);
        results.values().forEach(result -> orphans.add(ContentPart.text(orphanText(result))));
        orphans.addAll(parts);
        if (!orphans.isEmpty()) {
            out.add(ChatMessage.user(ContentRenderer.asContent(orphans)));
        }
    }

    /**
     * Emits one tool message per pending call, in call order, taking (and removing) its result from
     * {@code results} or using the placeholder; then the system turns that waited for them.
     */
    private void answerPending(Map<String, ContentBlock.ToolResult> results) {
        for (ToolCall call : pending) {
            ContentBlock.ToolResult result = results.remove(call.id());
            out.add(ChatMessage.tool(call.id(), result == null ? MISSING_RESULT : resultText(result)));
        }
        pending = List.of();
        out.addAll(deferredSystem);
        deferredSystem.clear();
    }

    private String resultText(ContentBlock.ToolResult result) {
        String text = renderer.toolResultText(result.content());
        return result.failed() ? TOOL_ERROR_PREFIX + text : text;
    }

    private String orphanText(ContentBlock.ToolResult result) {
        return "[result of tool call " + result.toolUseId() + "]\n" + resultText(result);
    }
}
