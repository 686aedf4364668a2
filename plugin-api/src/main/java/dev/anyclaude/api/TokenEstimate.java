package dev.anyclaude.api;

import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.Content;
import dev.anyclaude.api.model.InputMessage;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.ModelInfo;
import dev.anyclaude.api.model.Tool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers for backends that cannot count tokens or list models themselves. Token counts are estimates: about
 * four characters of text, tool schema or tool input per token, plus a few tokens of framing per message.
 */
public final class TokenEstimate {
    private static final int CHARS_PER_TOKEN = 4;
    private static final int TOKENS_PER_MESSAGE = 4;

    private TokenEstimate() {
    }

    /** {@code {"input_tokens": N, "estimated": true}} for this request. */
    public static Map<String, Object> of(MessagesRequest request) {
        long chars = 0;
        int messages = 0;
        if (request.system() != null) {
            chars += chars(request.system());
        }
        if (request.messages() != null) {
            for (InputMessage message : request.messages()) {
                chars += chars(message.content());
                messages++;
            }
        }
        if (request.tools() != null) {
            for (Tool tool : request.tools()) {
                chars += String.valueOf(tool.name()).length() + String.valueOf(tool.description()).length()
                        + String.valueOf(tool.inputSchema()).length();
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("input_tokens", (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN + (long) messages * TOKENS_PER_MESSAGE);
        answer.put("estimated", true);
        return answer;
    }

    /** The body of {@code GET /v1/models} for these models. */
    public static Map<String, Object> modelList(List<ModelInfo> models) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("data", List.copyOf(models));
        answer.put("has_more", false);
        answer.put("first_id", models.isEmpty() ? null : models.getFirst().id());
        answer.put("last_id", models.isEmpty() ? null : models.getLast().id());
        return answer;
    }

    private static long chars(Content content) {
        long chars = 0;
        for (ContentBlock block : content.blocks()) {
            chars += switch (block) {
                case ContentBlock.Text text -> text.text().length();
                case ContentBlock.ToolUse use -> use.name().length() + String.valueOf(use.input()).length();
                case ContentBlock.ToolResult result -> result.content() == null ? 0 : chars(result.content());
                case ContentBlock.Thinking thinking -> thinking.thinking().length();
                case ContentBlock.Image image -> 1600 * CHARS_PER_TOKEN;
                case ContentBlock.Document document -> String.valueOf(document.source().data()).length();
                case ContentBlock.RedactedThinking redacted -> 0;
                case ContentBlock.Unknown unknown -> String.valueOf(unknown.fields()).length();
            };
        }
        return chars;
    }
}
