package dev.anyclaude.plugins.openai.translate;

import dev.anyclaude.plugins.openai.wire.ChatMessage;
import dev.anyclaude.plugins.openai.wire.ChatMessage.ContentPart;
import dev.anyclaude.plugins.openai.wire.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins consecutive OpenAI {@code user} messages, and consecutive {@code assistant} messages, into one: many
 * chat templates require strict user/assistant alternation. Tool and system messages are never merged.
 */
final class MessageMerger {
    private MessageMerger() {
    }

    static List<ChatMessage> mergeSameRole(List<ChatMessage> messages) {
        List<ChatMessage> merged = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            ChatMessage last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && last.role().equals(message.role()) && mergeable(message.role())) {
                merged.set(merged.size() - 1, "user".equals(message.role()) ? users(last, message)
                        : assistants(last, message));
            } else {
                merged.add(message);
            }
        }
        return merged;
    }

    private static boolean mergeable(String role) {
        return "user".equals(role) || "assistant".equals(role);
    }

    private static ChatMessage users(ChatMessage first, ChatMessage second) {
        List<ContentPart> parts = new ArrayList<>(parts(first.content()));
        parts.addAll(parts(second.content()));
        return ChatMessage.user(ContentRenderer.asContent(parts));
    }

    private static ChatMessage assistants(ChatMessage first, ChatMessage second) {
        List<ToolCall> calls = new ArrayList<>();
        if (first.toolCalls() != null) {
            calls.addAll(first.toolCalls());
        }
        if (second.toolCalls() != null) {
            calls.addAll(second.toolCalls());
        }
        String content = join((String) first.content(), (String) second.content());
        String reasoning = join(first.reasoningContent(), second.reasoningContent());
        return new ChatMessage("assistant", content, reasoning, calls, null);
    }

    private static String join(String a, String b) {
        if (a == null || a.isEmpty()) {
            return b == null ? a : b;
        }
        return b == null || b.isEmpty() ? a : a + ContentRenderer.JOINER + b;
    }

    private static List<ContentPart> parts(Object content) {
        if (content instanceof String text) {
            return text.isEmpty() ? List.of() : List.of(ContentPart.text(text));
        }
        List<ContentPart> parts = new ArrayList<>();
        if (content instanceof List<?> list) {
            list.forEach(part -> parts.add((ContentPart) part));
        }
        return parts;
    }
}
