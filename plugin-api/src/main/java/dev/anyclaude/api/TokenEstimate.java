package dev.anyclaude.api;

import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.Content;
import dev.anyclaude.api.model.InputMessage;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.ModelInfo;
import dev.anyclaude.api.model.Tool;
import java.util.Collection;
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
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("input_tokens", inputTokens(request));
        answer.put("estimated", true);
        return answer;
    }

    /** The estimated input tokens of this request, the number {@link #of} answers with. */
    public static long inputTokens(MessagesRequest request) {
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
                chars += printedLength(tool.name()) + printedLength(tool.description())
                        + printedLength(tool.inputSchema());
            }
        }
        return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN + (long) messages * TOKENS_PER_MESSAGE;
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
                case ContentBlock.ToolUse use -> use.name().length() + printedLength(use.input());
                case ContentBlock.ToolResult result -> result.content() == null ? 0 : chars(result.content());
                case ContentBlock.Thinking thinking -> thinking.thinking().length();
                case ContentBlock.Image image -> 1600 * CHARS_PER_TOKEN;
                case ContentBlock.Document document -> printedLength(document.source().data());
                case ContentBlock.RedactedThinking redacted -> 0;
                case ContentBlock.Unknown unknown -> printedLength(unknown.fields());
            };
        }
        return chars;
    }

    /**
     * The length of {@code String.valueOf(value)} for the values JSON becomes (maps, lists, strings, numbers,
     * booleans, null), counted without building the text: a Claude Code turn's tool schemas printed whole were a
     * tenth of the bytes its translation allocated.
     */
    static long printedLength(Object value) {
        return switch (value) {
            case null -> 4;
            case String text -> text.length();
            case Map<?, ?> map -> {
                long length = map.isEmpty() ? 2 : 2 + 2L * (map.size() - 1) + map.size();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    length += printedLength(entry.getKey()) + printedLength(entry.getValue());
                }
                yield length;
            }
            case Collection<?> items -> {
                long length = items.isEmpty() ? 2 : 2 + 2L * (items.size() - 1);
                for (Object item : items) {
                    length += printedLength(item);
                }
                yield length;
            }
            default -> String.valueOf(value).length();
        };
    }
}
