package dev.anyclaude.plugins.cache.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what looks like a secret before anything is written to a recording: API keys in any text ({@code sk-...}
 * of Anthropic, OpenAI and OpenRouter, {@code Bearer} tokens, GitHub and Slack tokens, AWS access key ids) and the
 * values of fields named like credentials ({@code api_key}, {@code authorization}, {@code password}, ...). A masked
 * key keeps its first 6 characters so a reader can tell which kind it was. Stateless and thread-safe.
 */
final class Secrets {
    static final String MASK = "***masked***";

    /**
     * Keys are long runs with a digit, standing alone: prose such as "task-management-tool" or "bearer tokens"
     * must stay as it is, since a replay serves the masked text.
     */
    private static final Pattern IN_TEXT = Pattern.compile(
            "(?<![A-Za-z0-9_-])sk-(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{16,}"
                    + "|Bearer\\s+(?=[A-Za-z0-9._~+/=-]*[0-9])[A-Za-z0-9._~+/=-]{16,}"
                    + "|(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{20,}"
                    + "|(?<![A-Za-z0-9_-])xox[abposr]-[A-Za-z0-9-]{10,}"
                    + "|(?<![A-Z0-9])AKIA[0-9A-Z]{16}");
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(?i)x-api-key|api[_-]?key|authorization|password|passwd|secret|client[_-]?secret"
                    + "|(access|refresh|auth|id|bearer)[_-]?token");

    private Secrets() {
    }

    /** The text with every key-like run replaced by its first 6 characters and {@value #MASK}. */
    static String mask(String text) {
        Matcher matcher = IN_TEXT.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            String secret = matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(secret.substring(0, 6) + MASK));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }

    /** Masks a JSON tree in place: every string ({@link #mask(String)}), and whole values of credential fields. */
    static void maskTree(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            object.fields().forEachRemaining(fields::add);
            for (Map.Entry<String, JsonNode> field : fields) {
                JsonNode value = field.getValue();
                if (SECRET_FIELD.matcher(field.getKey()).matches() && value.isValueNode() && !value.isNull()) {
                    object.put(field.getKey(), MASK);
                } else if (value.isTextual()) {
                    object.set(field.getKey(), TextNode.valueOf(mask(value.textValue())));
                } else {
                    maskTree(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (item.isTextual()) {
                    array.set(i, TextNode.valueOf(mask(item.textValue())));
                } else {
                    maskTree(item);
                }
            }
        }
    }
}
