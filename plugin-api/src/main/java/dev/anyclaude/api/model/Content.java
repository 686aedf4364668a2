package dev.anyclaude.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The content of a message, of a {@code system} prompt or of a {@code tool_result}: on the wire either a plain
 * string or an array of blocks. A string reads as one {@link ContentBlock.Text}; content is always written as an
 * array, which the API treats the same.
 *
 * @param blocks the blocks, in order; unmodifiable, never null
 */
public record Content(List<ContentBlock> blocks) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Content {
        blocks = List.copyOf(Objects.requireNonNull(blocks, "blocks"));
    }

    /** Content that is one text block, as the wire's string form. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Content of(String text) {
        return new Content(List.of(new ContentBlock.Text(text)));
    }

    /** Content made of these blocks. */
    public static Content of(ContentBlock... blocks) {
        return new Content(List.of(blocks));
    }

    /** The blocks, as written on the wire. */
    @JsonValue
    public List<ContentBlock> blocks() {
        return blocks;
    }

    /** The text of all text blocks, joined with newlines; other blocks are skipped. */
    @JsonIgnore
    public String text() {
        return blocks.stream()
                .filter(ContentBlock.Text.class::isInstance)
                .map(block -> ((ContentBlock.Text) block).text())
                .collect(Collectors.joining("\n"));
    }
}
