package dev.anyclaude.plugins.openai.translate;

import dev.anyclaude.plugins.openai.wire.ChatRequest;
import java.util.Objects;

/**
 * The result of {@link RequestTranslator#translate}: what to send, and what the answer's translation needs.
 *
 * @param request              the chat request; serialise it with
 *                             {@link dev.anyclaude.plugins.openai.wire.OpenAiJson#writeRequest}
 * @param toolNames            the tool-name mapping to restore client names in the answer; pass it to
 *                             {@link StreamTranslator} or {@link ResponseTranslator}
 * @param estimatedInputTokens a rough prompt size (about four characters a token), reported until the upstream
 *                             sends real usage and kept when it never does
 */
public record Translation(ChatRequest request, ToolNames toolNames, int estimatedInputTokens) {
    public Translation {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(toolNames, "toolNames");
    }
}
