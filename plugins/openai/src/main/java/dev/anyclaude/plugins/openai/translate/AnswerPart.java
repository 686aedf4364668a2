package dev.anyclaude.plugins.openai.translate;

/**
 * One content block of the answer while it is being assembled: a run of text or reasoning, or one tool call.
 * Parts are kept in the order the upstream started them and become blocks in that order. Not thread-safe.
 */
abstract sealed class AnswerPart permits AnswerPart.TextPart, AnswerPart.CallPart {
    /** The block index once the part's {@code content_block_start} was sent, else -1. */
    int index = -1;
    boolean closed;

    boolean opened() {
        return index >= 0;
    }

    /** Text or reasoning; whitespace-only runs never become a block. */
    static final class TextPart extends AnswerPart {
        final boolean thinking;
        final StringBuilder unsent = new StringBuilder();
        boolean nonBlank;

        TextPart(boolean thinking) {
            this.thinking = thinking;
        }

        void append(String text) {
            unsent.append(text);
            nonBlank |= !text.isBlank();
        }
    }

    /** A tool call; it becomes a block once its id and name are known. */
    static final class CallPart extends AnswerPart {
        final Integer upstreamIndex;
        final ToolArguments arguments = new ToolArguments();
        String id;
        String name;

        CallPart(Integer upstreamIndex) {
            this.upstreamIndex = upstreamIndex;
        }

        boolean ready() {
            return id != null && name != null;
        }
    }
}
