package dev.anyclaude.plugins.cache;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.Metrics;
import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.relay.RelayStage;
import dev.anyclaude.api.wire.RawReplies;
import java.time.Clock;
import java.util.Optional;
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
 * The same decisions are made on the fast path ({@link #onRelay}), on the IO thread: a hit is served from memory
 * there, a miss recorded as it passes and stored off the IO thread.
 * Thread-safe; one instance serves every backend that has the cache on.
 */
final class CacheMiddleware implements Middleware {
    private static final Logger LOG = LoggerFactory.getLogger(CacheMiddleware.class);
    /** Checks and stores answers recorded on the fast path, off its IO threads (a disk write, a cluster put). */
    private static final java.util.concurrent.Executor STORES = java.util.concurrent.Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("anyclaude-cache-store-", 0).factory());

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
        CacheKey key = lookup == Lookup.BYPASS ? null : keyOf(call);
        if (key == null) {
            counters.bypass(call.backend());
            return Replay.tagged(chain.proceed(call), "bypass");
        }
        SharedStore shared = shared();
        AnswerStore store = shared.store();
        if (lookup == Lookup.REFRESH) {
            counters.miss(call.backend());
            return fill(chain, call, key, store, null, null);
        }
        CompletableFuture<StoredAnswer> storing = shared.storing().get(key);
        if (storing != null) {
            StoredAnswer answer = await(call, storing, shared);
            if (answer != null) {
                return hit(call, answer);
            }
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
        return outcome(key, store, flights, flight, checked, null);
    }

    /**
     * Where a recording ends up: checked, stored, and the flight (if any) completed. With {@code offThread}, the
     * check and the put run on a thread of their own (the recording completes on an IO thread), and the answer is
     * listed as being stored meanwhile, so a lookup waits for it instead of missing.
     */
    private Recording.Outcome outcome(CacheKey key, AnswerStore store,
                                      ConcurrentMap<CacheKey, CompletableFuture<StoredAnswer>> flights,
                                      CompletableFuture<StoredAnswer> flight,
                                      java.util.function.Function<byte[], StoredAnswer> checked,
                                      SharedStore offThread) {
        return new Recording.Outcome() {
            @Override
            public void completed(byte[] bytes) {
                if (offThread == null) {
                    finish(flights, key, flight, store(key, store, checked, bytes));
                    return;
                }
                CompletableFuture<StoredAnswer> pending = new CompletableFuture<>();
                offThread.storing().put(key, pending);
                Runnable task = () -> {
                    StoredAnswer answer = null;
                    try {
                        answer = store(key, store, checked, bytes);
                    } catch (RuntimeException e) {
                        LOG.warn("cache: an answer could not be stored: {}", e.toString());
                    } finally {
                        offThread.storing().remove(key, pending);
                        pending.complete(answer);
                        finish(flights, key, flight, answer);
                    }
                };
                try {
                    STORES.execute(task);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    task.run();
                }
            }

            @Override
            public void abandoned() {
                finish(flights, key, flight, null);
            }
        };
    }

    private StoredAnswer store(CacheKey key, AnswerStore store, java.util.function.Function<byte[], StoredAnswer> checked,
                               byte[] bytes) {
        StoredAnswer answer = checked.apply(bytes);
        if (answer != null) {
            store.put(key, answer);
            counters.stored(answer.size());
        }
        return answer;
    }

    /**
     * The cache's part in a call on the fast path, decided on the IO thread as {@link #intercept} decides it: a
     * bypass, a hit from the local tiers (heap, or disk: a read of the local file), or a miss that records the answer
     * and stores it off the IO thread. Empty, so that {@link #intercept} runs on the blocking path, whenever the
     * decision would have to wait: the store not open yet, an identical request in flight (single flight) or its
     * answer being stored, a clustered tier to ask.
     */
    @Override
    public Optional<RelayStage> onRelay(Call call, Object backendSetting) {
        Lookup lookup = Lookup.of(call.headers());
        String backend = call.backend();
        CacheKey key = lookup == Lookup.BYPASS ? null : keyOf(call);
        if (key == null) {
            return Optional.of(new CacheStages.Tagged("bypass", () -> counters.bypass(backend)));
        }
        SharedStore shared = shared();
        AnswerStore store = shared.storeIfOpen();
        if (store == null || shared.storing().containsKey(key)) {
            return Optional.empty();
        }
        if (lookup == Lookup.REFRESH) {
            return Optional.of(miss(call, key, store, shared, null, null));
        }
        StoredAnswer stored = store.getLocal(key);
        if (stored != null) {
            return Optional.of(hitStage(call, stored));
        }
        if (store.clustered()) {
            return Optional.empty();
        }
        ConcurrentMap<CacheKey, CompletableFuture<StoredAnswer>> flights = shared.flights();
        CompletableFuture<StoredAnswer> flight = new CompletableFuture<>();
        if (flights.putIfAbsent(key, flight) != null) {
            return Optional.empty(); // waits for the identical call in flight, on the blocking path
        }
        stored = store.getLocal(key); // the previous leader may have stored and left in between
        if (stored != null) {
            finish(flights, key, flight, stored);
            return Optional.of(hitStage(call, stored));
        }
        return Optional.of(miss(call, key, store, shared, flights, flight));
    }

    /** The call's cache key, or null (logged) when its body cannot be keyed: the call then bypasses the cache. */
    private CacheKey keyOf(Call call) {
        try {
            return keys.keyOf(call);
        } catch (AnthropicException e) {
            LOG.debug("{}: not cached, the body cannot be keyed: {}", call.id(), e.getMessage());
            return null;
        }
    }

    private RelayStage hitStage(Call call, StoredAnswer stored) {
        return new CacheStages.Hit(() -> hit(call, stored));
    }

    private RelayStage miss(Call call, CacheKey key, AnswerStore store, SharedStore shared,
                            ConcurrentMap<CacheKey, CompletableFuture<StoredAnswer>> flights,
                            CompletableFuture<StoredAnswer> flight) {
        String backend = call.backend();
        return new CacheStages.Miss(
                (form, encoding) -> new Recording(config.maxEntryBytes(), outcome(key, store, flights, flight,
                        bytes -> check.check(form, bytes, encoding, clock.millis()), shared)),
                () -> finish(flights, key, flight, null), () -> counters.miss(backend), json);
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
