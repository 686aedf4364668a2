package dev.anyclaude.plugins.cache.record;

import dev.anyclaude.api.Call;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.plugins.cache.CacheKeys;
import java.net.http.HttpHeaders;
import java.util.Optional;
import java.util.Set;

/**
 * The key of an exchange: the cache's canonical request key ({@link CacheKeys}) computed as if the client had sent
 * no credential, so a session recorded with one API key replays with another (or none, in CI). Backend, model,
 * betas and the canonical body are in it, as for the cache. Thread-safe.
 */
final class ExchangeKey {
    private static final Set<String> CREDENTIALS = Set.of("x-api-key", "authorization");

    private final CacheKeys keys;

    ExchangeKey(CacheKeys keys) {
        this.keys = keys;
    }

    /**
     * The key in hex.
     *
     * @throws dev.anyclaude.api.AnthropicException 400 when the body is not JSON
     */
    String of(Call call) {
        return keys.keyOf(new WithoutCredentials(call)).hex();
    }

    /** The call with its credential headers hidden. */
    private record WithoutCredentials(Call call) implements Call {
        @Override
        public String id() {
            return call.id();
        }

        @Override
        public String backend() {
            return call.backend();
        }

        @Override
        public String model() {
            return call.model();
        }

        @Override
        public boolean streaming() {
            return call.streaming();
        }

        @Override
        public HttpHeaders headers() {
            return HttpHeaders.of(call.headers().map(), (name, value) -> !CREDENTIALS.contains(name.toLowerCase()));
        }

        @Override
        public String query() {
            return call.query();
        }

        @Override
        public MessagesRequest request() {
            return call.request();
        }

        @Override
        public Optional<byte[]> rawBody() {
            return call.rawBody();
        }

        @Override
        public Call withRequest(MessagesRequest request) {
            return new WithoutCredentials(call.withRequest(request));
        }
    }
}
