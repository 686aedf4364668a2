package dev.anyclaude.plugins.openai.translate;

import dev.anyclaude.api.model.Content;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.plugins.openai.wire.ChatMessage.ContentPart;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders Anthropic content blocks as OpenAI message content: text parts, {@code image_url} parts, and text
 * placeholders for what the upstream cannot take (documents other than plain text, images when the server
 * rejects them, images inside tool results). Stateless and thread-safe.
 */
final class ContentRenderer {
    /** Separates text blocks that become one OpenAI string. */
    static final String JOINER = "\n\n";
    /** Claude Code's first system block; a billing marker for Anthropic, not an instruction for the model. */
    static final String BILLING_PREFIX = "x-anthropic-billing-header:";
    static final String IMAGE_UNSUPPORTED = "[image omitted: this backend does not accept images]";
    static final String IMAGE_FILE = "[image omitted: a file reference (file_id) cannot be sent to this backend]";
    static final String IMAGE_IN_TOOL_RESULT = "[image omitted: tool results cannot carry images on this backend]";

    private final boolean images;

    ContentRenderer(boolean images) {
        this.images = images;
    }

    /** The text of system content: non-empty text blocks joined, the billing line left out. */
    static String systemText(Content content) {
        if (content == null) {
            return "";
        }
        return content.blocks().stream()
                .filter(ContentBlock.Text.class::isInstance)
                .map(block -> ((ContentBlock.Text) block).text())
                .filter(text -> !text.isBlank() && !text.stripLeading().startsWith(BILLING_PREFIX))
                .collect(Collectors.joining(JOINER));
    }

    /** The parts for one block of a user turn (not a tool result); empty for blocks that carry nothing. */
    List<ContentPart> userParts(ContentBlock block) {
        return switch (block) {
            case ContentBlock.Text text -> text.text().isEmpty() ? List.of() : List.of(ContentPart.text(text.text()));
            case ContentBlock.Image image -> List.of(image(image));
            case ContentBlock.Document document -> List.of(ContentPart.text(document(document)));
            // tool_use in a user turn, thinking, server-tool blocks: nothing an OpenAI user message can carry.
            default -> List.of();
        };
    }

    /** The text a tool message carries for a result's content; "" when it has none. */
    String toolResultText(Content content) {
        if (content == null) {
            return "";
        }
        List<String> pieces = new ArrayList<>();
        for (ContentBlock block : content.blocks()) {
            switch (block) {
                case ContentBlock.Text text -> pieces.add(text.text());
                case ContentBlock.Image image -> pieces.add(IMAGE_IN_TOOL_RESULT);
                case ContentBlock.Document document -> pieces.add(document(document));
                default -> { }
            }
        }
        return pieces.stream().filter(piece -> !piece.isEmpty()).collect(Collectors.joining(JOINER));
    }

    /** User content as OpenAI sends it best: one string when all parts are text, else the parts. */
    static Object asContent(List<ContentPart> parts) {
        if (parts.stream().allMatch(part -> "text".equals(part.type()))) {
            return parts.stream().map(ContentPart::text).collect(Collectors.joining(JOINER));
        }
        return List.copyOf(parts);
    }

    private ContentPart image(ContentBlock.Image image) {
        ContentBlock.Source source = image.source();
        if (!images) {
            return ContentPart.text(IMAGE_UNSUPPORTED);
        }
        if ("base64".equals(source.type()) && source.data() != null) {
            String mediaType = source.mediaType() == null ? "image/png" : source.mediaType();
            return ContentPart.image("data:" + mediaType + ";base64," + source.data());
        }
        if ("url".equals(source.type()) && source.url() != null) {
            return ContentPart.image(source.url());
        }
        return ContentPart.text(IMAGE_FILE);
    }

    /** Plain-text documents are inlined; PDFs, URLs and files cannot be read upstream and become a note. */
    private String document(ContentBlock.Document document) {
        ContentBlock.Source source = document.source();
        String label = document.title() != null ? "'" + document.title() + "'"
                : source.mediaType() != null ? "(" + source.mediaType() + ")" : "";
        if ("text".equals(source.type()) && source.data() != null) {
            return document.title() == null ? source.data() : "[document " + label + "]\n" + source.data();
        }
        if ("content".equals(source.type()) && source.extra().get("content") != null) {
            String text = contentText(source.extra().get("content"));
            if (!text.isEmpty()) {
                return document.title() == null ? text : "[document " + label + "]\n" + text;
            }
        }
        return ("[document omitted: " + label).stripTrailing() + " cannot be read by this backend]";
    }

    /** The text of a document's {@code content} source: a string or a list of text blocks, as read into maps. */
    private static String contentText(Object content) {
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof List<?> blocks) {
            return blocks.stream()
                    .filter(block -> block instanceof java.util.Map<?, ?> map && "text".equals(map.get("type")))
                    .map(block -> String.valueOf(((java.util.Map<?, ?>) block).get("text")))
                    .collect(Collectors.joining(JOINER));
        }
        return "";
    }
}
