package dev.anyclaude.api.relay;

import dev.anyclaude.api.http.UpstreamRequest;
import java.util.Objects;

/**
 * One upstream request that is the whole of a backend's work for a Messages call, and what to do with its answer.
 * The proxy sends it (with the backend's policy applied: timeouts, retries before the first byte, concurrency
 * limit, outbound header allowlist), then relays or translates the answer as it arrives.
 */
public sealed interface Relay {

    /** The request to send; its timeout is the wait for the response headers, as for {@code UpstreamClient}. */
    UpstreamRequest request();

    /**
     * The upstream answers in Anthropic's wire format: status, end-to-end headers and body go to the client
     * unchanged (the Anthropic passthrough).
     */
    record Unchanged(UpstreamRequest request) implements Relay {
        public Unchanged {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * The upstream answers in another format: a translator made for each answer turns its bytes into Anthropic
     * events as they arrive. The proxy writes the events as SSE to a streaming client, or aggregates them into one
     * JSON message.
     */
    record Translated(UpstreamRequest request, AnswerTranslator.Factory translator) implements Relay {
        public Translated {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(translator, "translator");
        }
    }
}
