package dev.anyclaude.plugins.anthropic.local;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.Reply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Tells an answer from {@code POST /v1/messages} that means "no such endpoint" from a real answer or a real
 * error, so that detection falls back only when the server lacks the Anthropic API:
 * <ul>
 *   <li>404 or 405 whose body is not an Anthropic error ({@code {"type":"error",...}}): Ollama before 0.14 answers
 *       {@code 404 page not found} as text, while a newer one answers an unknown model with an Anthropic
 *       {@code not_found_error}, which is a real answer;</li>
 *   <li>200 with a JSON body whose {@code error} says "Unexpected endpoint": how older LM Studio servers are
 *       reported to answer routes they lack (unconfirmed).</li>
 * </ul>
 */
final class MissingEndpoint {
    private static final int MAX_PEEK = 64 * 1024;

    private final JsonCodec json;

    MissingEndpoint(JsonCodec json) {
        this.json = json;
    }

    /**
     * Empty when {@code reply} says the endpoint is missing (the reply is then closed); otherwise the reply to
     * relay, its body re-readable if it had to be read.
     */
    Optional<Reply> check(Reply reply) throws IOException {
        if (!(reply instanceof Reply.Raw raw)) {
            return Optional.of(reply);
        }
        boolean notFound = raw.status() == 404 || raw.status() == 405;
        boolean jsonOk = raw.status() == 200 && raw.headers().firstValue("content-type").orElse("")
                .toLowerCase(Locale.ROOT).startsWith("application/json");
        if (!notFound && !jsonOk) {
            return Optional.of(reply);
        }
        byte[] body;
        try (raw) {
            body = raw.body().readNBytes(notFound ? MAX_PEEK : Integer.MAX_VALUE);
        }
        Map<?, ?> parsed = parse(body);
        boolean missing = notFound
                ? parsed == null || !"error".equals(parsed.get("type"))
                : parsed != null && parsed.get("error") instanceof String error && error.contains("Unexpected endpoint");
        return missing ? Optional.empty()
                : Optional.of(new Reply.Raw(raw.status(), raw.headers(), new ByteArrayInputStream(body)));
    }

    private Map<?, ?> parse(byte[] body) {
        try {
            return json.read(body, Map.class);
        } catch (AnthropicException | IllegalArgumentException e) {
            return null; // not JSON: for a 404 that is the answer of a server without the route
        }
    }
}
