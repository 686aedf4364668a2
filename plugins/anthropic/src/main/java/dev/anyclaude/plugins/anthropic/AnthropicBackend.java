package dev.anyclaude.plugins.anthropic;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Backend;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.relay.Relay;
import dev.anyclaude.api.TokenEstimate;
import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.plugins.anthropic.compat.CompatNormaliser;
import dev.anyclaude.plugins.anthropic.compat.CompatWriter;
import dev.anyclaude.api.http.UpstreamRequest;
import dev.anyclaude.api.http.UpstreamResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The Anthropic API, or a server that speaks it, as a backend. The answer always comes back unchanged (status,
 * headers and body, streamed as they arrive, as {@link Reply.Raw}); the request depends on the mode:
 * <ul>
 *   <li>passthrough (default): a byte-faithful copy: the client's body, query string and headers go upstream
 *       unchanged (credentials aside, see {@code ForwardedHeaders}); nothing is parsed unless a middleware
 *       changed the request;</li>
 *   <li>compatible: for servers other than Anthropic's (Ollama, LM Studio, llama.cpp, vLLM): the request is
 *       parsed, reshaped by {@link CompatNormaliser} and written by {@link CompatWriter}; beta flags are filtered
 *       and the client's credentials stay home.</li>
 * </ul>
 * Public so that plugins for particular servers (they declare {@code Plugin-Dependencies: anthropic}) can build
 * one with {@link AnthropicConfig#compatible}. Thread-safe.
 */
public final class AnthropicBackend implements Backend {
    private final String name;
    private final AnthropicConfig config;
    private final UpstreamClient http;
    private final JsonCodec json;
    /** The configured key, and the environment's (read once: a process's environment does not change). */
    private final Optional<String> configKey;
    private final Optional<String> envKey;
    private final CompatNormaliser normaliser;
    private final CompatWriter writer;
    private static final int MAX_KNOWN_ENDPOINTS = 64;
    /** The endpoints' URIs (with the query strings clients send, {@code ?beta=true}), parsed once. */
    private final java.util.concurrent.ConcurrentMap<String, URI> endpoints = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param name   the backend's config name, for error messages
     * @param config its config
     * @param http   the shared upstream client
     * @param json   the proxy's codec (used in compatible mode, or when a middleware changed the request)
     * @param env    reads an environment variable (for {@code apiKeyEnv}); {@code System::getenv} in production
     */
    public AnthropicBackend(String name, AnthropicConfig config, UpstreamClient http, JsonCodec json,
                            UnaryOperator<String> env) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.http = Objects.requireNonNull(http, "http");
        this.json = Objects.requireNonNull(json, "json");
        Objects.requireNonNull(env, "env");
        this.configKey = Optional.ofNullable(config.apiKey()).filter(k -> !k.isBlank());
        this.envKey = config.apiKeyEnv() == null ? Optional.empty()
                : Optional.ofNullable(env.apply(config.apiKeyEnv())).filter(k -> !k.isBlank());
        this.normaliser = new CompatNormaliser(config.compat());
        this.writer = new CompatWriter(config.compat(), json);
    }

    /** The base URL requests go to, without {@code /v1}. */
    public String baseUrl() {
        return config.baseUrl();
    }

    @Override
    public Reply messages(Call call) {
        return forward(call, "POST", "/v1/messages", body(call));
    }

    /** The same request as {@link #messages}, for the proxy to send and relay unchanged on its fast path. */
    @Override
    public Optional<Relay> relay(Call call) {
        return Optional.of(new Relay.Unchanged(request(call, "POST", "/v1/messages", body(call))));
    }

    /** Forwarded in passthrough mode; an estimate in compatible mode, where servers lack the endpoint. */
    @Override
    public Reply countTokens(Call call) {
        if (config.isCompatible()) {
            return Reply.json(TokenEstimate.of(call.request()));
        }
        return forward(call, "POST", "/v1/messages/count_tokens", body(call));
    }

    @Override
    public Reply models(Call call) {
        return forward(call, "GET", "/v1/models", new byte[0]);
    }

    private byte[] body(Call call) {
        if (config.isCompatible()) {
            MessagesRequest request = call.request();
            if (config.model() != null) {
                request = request.withModel(config.model());
            }
            return writer.write(normaliser.normalise(request));
        }
        return call.rawBody().orElseGet(() -> json.write(call.request()));
    }

    /**
     * Asks the upstream's {@code /v1/models} with the configured (or environment) key: it answers and, when there is
     * a key here, accepts it. Without one, only reachability is checked: clients bring their own keys.
     */
    @Override
    public dev.anyclaude.api.Health probe() {
        Optional<String> key = configKey.or(() -> envKey);
        UpstreamRequest request = UpstreamRequest.get(URI.create(config.baseUrl() + "/v1/models"))
                .withHeader("anthropic-version", "2023-06-01").withTimeout(java.time.Duration.ofSeconds(10));
        if (key.isPresent()) {
            request = request.withHeader("x-api-key", key.get());
        }
        try (UpstreamResponse response = http.send(request)) {
            int status = response.status();
            if (key.isPresent() && (status == 401 || status == 403)) {
                return dev.anyclaude.api.Health.down(config.baseUrl() + " refused the key (HTTP " + status
                        + "): check apiKey or $" + config.apiKeyEnv());
            }
            return new dev.anyclaude.api.Health(dev.anyclaude.api.Health.Status.UP, config.baseUrl() + " answers"
                    + (key.isPresent() ? " and accepts the key" : "; no key here to check (clients send their own)"));
        } catch (IOException e) {
            return dev.anyclaude.api.Health.down("nothing answers at " + config.baseUrl() + " (" + e.getMessage() + ")");
        }
    }

    private Reply forward(Call call, String method, String path, byte[] body) {
        UpstreamRequest request = request(call, method, path, body);
        UpstreamResponse response;
        try {
            response = http.send(request);
        } catch (IOException e) {
            throw new AnthropicException(ErrorType.API, 502, "backend '" + name + "' at " + config.baseUrl()
                    + " is unreachable: " + e.getMessage(), e);
        }
        return new Reply.Raw(response.status(), response.headers(), new ClosingBody(response));
    }

    private UpstreamRequest request(Call call, String method, String path, byte[] body) {
        String target = call.query().isEmpty() ? path : path + "?" + call.query();
        URI uri = endpoints.get(target);
        if (uri == null) {
            uri = URI.create(config.baseUrl() + target);
            if (endpoints.size() < MAX_KNOWN_ENDPOINTS) {
                endpoints.put(target, uri);
            }
        }
        List<Map.Entry<String, String>> headers = config.isCompatible()
                ? ForwardedHeaders.compatible(call.headers(), configKey, config.compat()::allowsBeta)
                : ForwardedHeaders.of(call.headers(), configKey, envKey);

        return new UpstreamRequest(method, uri, headers, body, UpstreamRequest.DEFAULT_TIMEOUT);
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
