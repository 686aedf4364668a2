package dev.anyclaude.plugins.toolcalls.request;

import java.util.Objects;

/**
 * A {@code tool_result} of the conversation's history, about to be written as text in a user turn.
 *
 * @param call    the call it answers; a result whose call is not in the history gets a stand-in call named
 *                {@code "tool"}
 * @param content the result's text (text blocks joined by newlines)
 * @param error   true when the client marked the result {@code is_error}
 */
record PrintedResult(PrintedCall call, String content, boolean error) {
    /** Starts the text of a failed result, so the model sees that the tool failed. */
    static final String ERROR_PREFIX = "ERROR: the tool failed.\n";

    PrintedResult {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(content, "content");
    }

    /** The content, with the error marker in front when the tool failed. */
    String body() {
        return error ? ERROR_PREFIX + content : content;
    }
}
