package dev.anyclaude.core.server;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Lets a request through only when it carries the proxy's token in {@code x-anyclaude-token}: the launcher starts
 * a proxy for one Claude Code session and gives only that session the token, so no other local process can spend
 * the user's backends through it. The header is anyclaude's own and never forwarded upstream.
 */
final class TokenGuard implements HttpHandler {
    static final HttpString HEADER = HttpString.tryFromString("x-anyclaude-token");

    private final byte[] token;
    private final HttpHandler next;
    private final ErrorResponder errors;

    TokenGuard(String token, HttpHandler next, ErrorResponder errors) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.next = next;
        this.errors = errors;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String presented = exchange.getRequestHeaders().getFirst(HEADER);
        if (presented == null || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            errors.send(exchange, AnthropicException.of(ErrorType.AUTHENTICATION,
                    "this anyclaude proxy serves one Claude Code session and needs its token in x-anyclaude-token"), null);
            return;
        }
        next.handleRequest(exchange);
    }
}
