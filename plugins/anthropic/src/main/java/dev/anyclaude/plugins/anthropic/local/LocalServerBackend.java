package dev.anyclaude.plugins.anthropic.local;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Backend;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.Health;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.TokenEstimate;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A local model server (Ollama, LM Studio, ...) that may offer the Anthropic API, the OpenAI API or both. With
 * {@link LocalApi#AUTO} the first request tries the native {@code /v1/messages} (an {@code AnthropicBackend} in
 * compatible mode); if the server lacks it (see {@code MissingEndpoint}) that request and every later one go to
 * the OpenAI backend. The decision is kept for the life of the backend (restart the proxy after upgrading the
 * server). Any other answer from {@code /v1/messages}, errors included, proves the endpoint exists and decides for
 * it; a request that cannot reach the server decides nothing.
 *
 * <p>When nothing answers at the server's address the error says how to start it ({@code startHint}).
 *
 * <p>Public so that the ollama and lmstudio plugins (which declare {@code Plugin-Dependencies: anthropic, openai})
 * can build one. Thread-safe: concurrent first requests may each try the native endpoint.
 *
 * <pre>{@code
 * new LocalServerBackend(new LocalServer("ollama", "http://127.0.0.1:11434", "Start it with `ollama serve`."),
 *         LocalApi.AUTO, nativeBackend, openAiBackend, call -> tagsModels(call), context.json());
 * }</pre>
 */
public final class LocalServerBackend implements Backend {
    private final LocalServer server;
    private final Backend anthropic;
    private final Backend openAi;
    private final Function<Call, Reply> models;
    private final MissingEndpoint missing;
    private final AtomicReference<LocalApi> api;

    /**
     * @param server    the server's name, address and start hint, for messages
     * @param api       the API to use, or {@link LocalApi#AUTO} to detect it
     * @param anthropic the backend for the native endpoint (an {@code AnthropicBackend} in compatible mode)
     * @param openAi    the backend for the OpenAI endpoint (an {@code OpenAiBackend})
     * @param models    answers {@code GET /v1/models} from the server's own model list
     * @param json      the proxy's codec
     */
    public LocalServerBackend(LocalServer server, LocalApi api, Backend anthropic, Backend openAi,
                              Function<Call, Reply> models, JsonCodec json) {
        this.server = Objects.requireNonNull(server, "server");
        this.api = new AtomicReference<>(Objects.requireNonNull(api, "api"));
        this.anthropic = Objects.requireNonNull(anthropic, "anthropic");
        this.openAi = Objects.requireNonNull(openAi, "openAi");
        this.models = Objects.requireNonNull(models, "models");
        this.missing = new MissingEndpoint(Objects.requireNonNull(json, "json"));
    }

    /** The API in use, or {@link LocalApi#AUTO} while no request has decided it yet. */
    public LocalApi api() {
        return api.get();
    }

    @Override
    public Reply messages(Call call) {
        return withHint(() -> switch (api.get()) {
            case ANTHROPIC -> anthropic.messages(call);
            case OPENAI -> openAi.messages(call);
            case AUTO -> detect(call);
        });
    }

    /**
     * No fast path, deliberately: detecting the API takes a blocking request, and a server that stopped gets its
     * start hint only through {@link #messages} (on the fast path a failed send is worded by the proxy).
     */
    @Override
    public Optional<dev.anyclaude.api.relay.Relay> relay(Call call) {
        return Optional.empty();
    }

    private Reply detect(Call call) {
        Optional<Reply> reply;
        try {
            reply = missing.check(anthropic.messages(call));
        } catch (IOException e) {
            // The server answered, then broke off: not a start problem, so no start hint (status 500, not 502).
            throw AnthropicException.apiError("backend '" + server.name() + "' at " + server.baseUrl()
                    + " broke off its answer: " + e.getMessage(), e);
        }
        if (reply.isPresent()) {
            api.compareAndSet(LocalApi.AUTO, LocalApi.ANTHROPIC);
            return reply.get();
        }
        api.set(LocalApi.OPENAI);
        return openAi.messages(call);
    }

    /** An estimate: neither Ollama nor LM Studio counts tokens for a Messages request. */
    @Override
    public Reply countTokens(Call call) {
        return Reply.json(TokenEstimate.of(call.request()));
    }

    @Override
    public Reply models(Call call) {
        return withHint(() -> models.apply(call));
    }

    /** Up, saying which API is in use (for {@code GET /health}); whether the server runs shows at the first call. */
    @Override
    public Health health() {
        LocalApi current = api.get();
        return new Health(Health.Status.UP, current == LocalApi.AUTO ? "api: not detected yet"
                : "api: " + current.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public void close() {
        try {
            anthropic.close();
        } finally {
            openAi.close();
        }
    }

    /** Runs an upstream call; "unreachable" failures get the server's start hint. */
    private Reply withHint(Supplier<Reply> upstream) {
        try {
            return upstream.get();
        } catch (AnthropicException e) {
            if (e.getCause() instanceof IOException && e.status() == 502) {
                throw new AnthropicException(ErrorType.API, 502, "backend '" + server.name() + "': nothing answers at "
                        + server.baseUrl() + " (" + e.getCause().getMessage() + "). " + server.startHint(), e);
            }
            throw e;
        }
    }
}
