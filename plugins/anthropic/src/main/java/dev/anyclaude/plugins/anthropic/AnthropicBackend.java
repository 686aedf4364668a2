package dev.anyclaude.plugins.anthropic;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Backend;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.api.http.UpstreamRequest;
import dev.anyclaude.api.http.UpstreamResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A byte-faithful passthrough to the Anthropic API (or a server that speaks it): the client's body, query string
 * and headers go upstream unchanged (credentials aside, see {@link ForwardedHeaders}), and the upstream's status,
 * headers and body come back unchanged, streamed as they arrive. Nothing is parsed on this path unless a
 * middleware changed the request.
 */
final class AnthropicBackend implements Backend {
    private final String name;
    private final AnthropicConfig config;
    private final UpstreamClient http;
    private final JsonCodec json;
    private final UnaryOperator<String> env;

    AnthropicBackend(String name, AnthropicConfig config, UpstreamClient http, JsonCodec json,
                     UnaryOperator<String> env) {
        this.name = name;
        this.config = config;
        this.http = http;
        this.json = json;
        this.env = env;
    }

    @Override
    public Reply messages(Call call) {
        return forward(call, "POST", "/v1/messages", body(call));
    }

    @Override
    public Reply countTokens(Call call) {
        return forward(call, "POST", "/v1/messages/count_tokens", body(call));
    }

    @Override
    public Reply models(Call call) {
        return forward(call, "GET", "/v1/models", new byte[0]);
    }

    private byte[] body(Call call) {
        return call.rawBody().orElseGet(() -> json.write(call.request()));
    }

    private Reply forward(Call call, String method, String path, byte[] body) {
        URI uri = URI.create(config.baseUrl() + path + (call.query().isEmpty() ? "" : "?" + call.query()));
        List<Map.Entry<String, String>> headers = ForwardedHeaders.of(call.headers(),
                Optional.ofNullable(config.apiKey()).filter(k -> !k.isBlank()),
                Optional.ofNullable(env.apply(config.apiKeyEnv())).filter(k -> !k.isBlank()));
        UpstreamRequest request = new UpstreamRequest(method, uri, headers, body, UpstreamRequest.DEFAULT_TIMEOUT);
        UpstreamResponse response;
        try {
            response = http.send(request);
        } catch (IOException e) {
            throw new AnthropicException(ErrorType.API, 502, "backend '" + name + "' at " + config.baseUrl()
                    + " is unreachable: " + e.getMessage(), e);
        }
        return new Reply.Raw(response.status(), response.headers(), new ClosingBody(response));
    }

    /** The response body, closing the whole response (and so releasing or cancelling it) when closed. */
    private static final class ClosingBody extends java.io.FilterInputStream {
        private final UpstreamResponse response;

        ClosingBody(UpstreamResponse response) {
            super(response.body());
            this.response = response;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return in.read(buffer, offset, length);
        }

        @Override
        public void close() {
            response.close();
        }
    }
}
