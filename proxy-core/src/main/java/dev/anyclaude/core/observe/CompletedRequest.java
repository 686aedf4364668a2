package dev.anyclaude.core.observe;

import dev.anyclaude.api.model.Usage;
import java.time.Instant;

/**
 * What the proxy keeps of one answered API request once it is done: where it went and how it went. Never a body,
 * a header or a key.
 *
 * @param id           the request id ({@code x-anyclaude-request-id})
 * @param at           when it was received
 * @param path         the request path ({@code /v1/messages})
 * @param backend      the backend that answered; empty when none was chosen (a bad request)
 * @param model        the model sent upstream; empty when unknown
 * @param streaming    whether the client asked for a stream
 * @param status       the HTTP status the client got
 * @param usage        the answer's token usage, null when the proxy did not see one
 * @param firstByte    time to the first byte sent to the client, in nanoseconds; -1 when none was sent
 * @param firstToken   time to the first content delta sent to the client, in nanoseconds; -1 when none was
 * @param total        time to the end of the answer, in nanoseconds
 */
public record CompletedRequest(String id, Instant at, String path, String backend, String model, boolean streaming,
                               int status, Usage usage, long firstByte, long firstToken, long total) {

    /** Input tokens, 0 when unknown. */
    public long inputTokens() {
        return usage == null || usage.inputTokens() == null ? 0 : usage.inputTokens();
    }

    /** Output tokens, 0 when unknown. */
    public long outputTokens() {
        return usage == null || usage.outputTokens() == null ? 0 : usage.outputTokens();
    }

    /** Input tokens read from the provider's prompt cache, 0 when unknown. */
    public long cacheReadTokens() {
        return usage == null || usage.cacheReadInputTokens() == null ? 0 : usage.cacheReadInputTokens();
    }

    /** Input tokens written to the provider's prompt cache, 0 when unknown. */
    public long cacheWriteTokens() {
        return usage == null || usage.cacheCreationInputTokens() == null ? 0 : usage.cacheCreationInputTokens();
    }
}
