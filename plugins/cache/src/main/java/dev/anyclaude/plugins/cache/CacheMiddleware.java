package dev.anyclaude.plugins.cache;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.Metrics;
import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.wire.RawReplies;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response cache. For each Messages call:
 * <ol>
 *   <li>a request that asks for a bypass ({@link Lookup}) goes to the backend untouched;</li>
 *   <li>a stored answer under the call's {@link CacheKey} is served ({@code x-anyclaude-cache: hit});</li>
 *   <li>else, when an identical call is already on its way to the backend, this one waits for its answer (single
 *       flight) and is served that;</li>
 *   <li>else the call goes to the backend ({@code miss}) and the answer is recorded as it passes to the client,
 *       then stored if it completed well ({@link AnswerCheck}).</li>
 * </ol>
 * Thread-safe; one instance serves every backend that has the cache on.
 */
final class CacheMiddleware implements Middleware {
    private static final Logger LOG = LoggerFactory.getLogger(CacheMiddleware.class);

    private final CacheConfig config;
    private final CacheKeys keys;
    private final JsonCodec json;
    private final AnswerCheck check;
    private final CacheCounters counters;
    private final Supplier<SharedStore> acquire;
    private final Clock clock;
    private SharedStore shared;
    private boolean closed;

    CacheMiddleware(CacheConfig config, CacheKeys keys, JsonCodec json, Metrics metrics,
                    Supplier<SharedStore> acquire, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.json = json;
        this.check = new AnswerCheck(json, config.storeTruncated());
        this.counters = new CacheCounters(metrics);
        this.acquire = acquire;
        this.clock = clock;
    }

    @Override
    public Reply intercept(Chain chain) {
        Call call = chain.call();
        Lookup lookup = Lookup.of(call.headers());
        if (lookup == Lookup.BYPASS) {
            counters.bypass(call.backend());
            return Replay.tagged(chain.proceed(call), "bypass");
        }
        CacheKey key;
        try {
            key = keys.keyOf(call);
        } catch (AnthropicException e) {
            LOG.debug("{}: not cached, the body cannot be keyed: {}", call.id(), e.getMessage());
            counters.bypass(call.backend());
            return Replay.tagged(chain.proceed(call), "bypass");
        }
        SharedStore shared = shared();
        AnswerStore store = shared.store();
        if (lookup == Lookup.REFRESH) {
            counters.miss(call.backend());
            return fill(chain, call, key, store, null, null);
        }
        StoredAnswer stored = store.get(key);
        if (stored != null) {
            return hit(call, stored);
        }
        ConcurrentMap<CacheKey, CompletableFuture<StoredAnswer>> flights = shared.flights();
        CompletableFuture<StoredAnswer> flight = new CompletableFuture<>();
        CompletableFuture<StoredAnswer> leader = flights.putIfAbsent(key, flight);
        if (leader != null) {
            StoredAnswer answer = await(call, leader, shared);
            if (answer != null) {
                return hit(call, answer);
            }
            counters.miss(call.backend());
            return fill(chain, call, key, store, null, null);
        }
        // The previous leader may have stored and left between our lookup and our registration.
        stored = store.get(key);
        if (stored != null) {
            finish(flights, key, flight, stored);
            return hit(call, stored);
        }
        counters.miss(call.backend());
        return fill(chain, call, key, store, flights, flight);
    }

    private Reply hit(Call call, StoredAnswer answer) {
        counters.hit(call.backend(), answer.size());
        return Replay.of(answer, call.streaming(), "hit", json);
    }

    /** Asks the backend and records its answer; {@code flight} (if any) is completed whatever happens. */
    private Reply fill(Chain chain, Call call, CacheKey key, AnswerStore store,
                       ConcurrentMap<CacheKey, CompletableFuture<StoredAnswer>> flights,
                       CompletableFuture<StoredAnswer> flight) {
        Reply reply;
        try {
            reply = chain.proceed(call);
        } catch (RuntimeException e) {
            finish(flights, key, flight, null);
            throw e;
        }
        switch (reply) {
            case Reply.Raw raw when RawReplies.isAnswer(raw)
                    && AnswerCheck.decodable(raw.headers().firstValue("content-encoding").orElse(null)) -> {
                StoredAnswer.Form form = RawReplies.isSse(raw) ? StoredAnswer.Form.SSE : StoredAnswer.Form.JSON;
                String encoding = raw.headers().firstValue("content-encoding").orElse(null);
                Recording recording = new Recording(config.maxEntryBytes(),
                        outcome(key, store, flights, flight, bytes -> check.check(form, bytes, encoding, clock.millis())));
                long length = raw.headers().firstValueAsLong("content-length").orElse(-1);
                return new Reply.Raw(raw.status(), Replay.withHeader(raw.headers(), "miss"),
                        new RecordingBody(raw.body(), recording, length));
            }
            case Reply.Events events -> {
                Recording recording = new Recording(config.maxEntryBytes(), outcome(key, store, flights, flight,
                        bytes -> check.check(StoredAnswer.Form.SSE, bytes, null, clock.millis())));
                return events.withEvents(new RecordingEvents(events.events(), json, recording))
                        .withHeader(Lookup.HEADER, "miss");
            }
            default -> {
                finish(flights, key, flight, null);
                return Replay.tagged(reply, "miss");
            }
        }
    }

    private Recording.Outcome outcome(CacheKey key, AnswerStore store,
                                      ConcurrentMap<CacheKey, CompletableFuture<StoredAnswer>> flights,
                                      CompletableFuture<StoredAnswer> flight,
                                      java.util.function.Function<byte[], StoredAnswer> checked) {
        return new Recording.Outcome() {
            @Override
            public void completed(byte[] bytes) {
                StoredAnswer answer = checked.apply(bytes);
                if (answer != null) {
                    store.put(key, answer);
                    counters.stored(answer.size());
                }
                finish(flights, key, flight, answer);
            }

            @Override
            public void abandoned() {
                finish(flights, key, flight, null);
            }
        };
    }

    private static void finish(ConcurrentMap<CacheKey, CompletableFuture<StoredAnswer>> flights, CacheKey key,
                               CompletableFuture<StoredAnswer> flight, StoredAnswer answer) {
        if (flight != null) {
            flights.remove(key, flight);
            flight.complete(answer);
        }
    }

    /** The answer of the identical call in flight, or null when it failed or took too long. */
    private StoredAnswer await(Call call, CompletableFuture<StoredAnswer> leader, SharedStore shared) {
        shared.waiting().incrementAndGet();
        try {
            return leader.get(config.singleFlightWaitSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.info("{}: the identical request in flight took over {} s; asking the backend", call.id(),
                    config.singleFlightWaitSeconds());
            return null;
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AnthropicException.apiError("interrupted while waiting for an identical request", e);
        } finally {
            shared.waiting().decrementAndGet();
        }
    }

    private synchronized SharedStore shared() {
        if (closed) {
            throw AnthropicException.apiError("the cache middleware was closed", null);
        }
        if (shared == null) {
            shared = acquire.get();
        }
        return shared;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (shared != null) {
                shared.release();
            }
        }
    }
}
