package dev.anyclaude.core.server;

import dev.anyclaude.api.Backend;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.relay.Relay;
import dev.anyclaude.api.relay.RelayStage;
import dev.anyclaude.core.http.IoThreadClient;
import dev.anyclaude.core.plugins.BackendRegistry;
import dev.anyclaude.core.reliability.GuardedBackend;
import dev.anyclaude.core.reliability.RelayPlan;
import dev.anyclaude.core.routing.MiddlewarePipeline;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Takes a Messages call onto the fast path when it can: its backend offers a {@link Relay} for it, it has one route
 * (no fallback), every middleware on that route offers a {@link RelayStage} (which, for an answer relayed unchanged,
 * watches it: {@link RelayStage#rawWatch}), and a concurrency slot is free at once. A stage that answers the call
 * itself (a cache hit, {@link RelayStage#answer}) needs neither backend nor slot: its reply is written from memory. The call is then sent and its answer relayed on the
 * IO thread that read it ({@link FastCall}), with no thread of its own. Anything else (and every call whose
 * request cannot even be peeked) stays on the blocking path, which answers it exactly as before.
 */
final class FastPath {
    private final BackendRegistry backends;
    private final Function<String, MiddlewarePipeline> pipelines;
    private final IoThreadClient upstream;
    private final ReplyWriter writer;
    private final JsonCodec json;
    private final FastCall.Finished finished;
    private final RequestLog requests;

    FastPath(BackendRegistry backends, Function<String, MiddlewarePipeline> pipelines,
             IoThreadClient upstream, ReplyWriter writer, JsonCodec json, FastCall.Finished finished,
             RequestLog requests) {
        this.requests = requests;
        this.backends = backends;
        this.pipelines = pipelines;
        this.upstream = upstream;
        this.writer = writer;
        this.json = json;
        this.finished = finished;
    }

    /**
     * Starts the call on the fast path and returns true, or returns false having changed nothing (the caller then
     * takes the blocking path with the same planned calls). On the exchange's IO thread, with the whole body read.
     *
     * @param calls the call's plan (routes in order), as {@link CallDispatcher#calls} made it
     */
    boolean tryStart(HttpServerExchange exchange, List<IncomingCall> calls, byte[] body, long received) {
        if (calls.size() != 1) {
            return false;
        }
        IncomingCall call = calls.getFirst();
        Optional<Backend> backend = backends.get(call.backend());
        if (backend.isEmpty() || !(backend.get() instanceof GuardedBackend guarded)) {
            return false;
        }
        MiddlewarePipeline pipeline = pipelines.apply(call.backend());
        MiddlewarePipeline.Staged staged = new MiddlewarePipeline.Staged(List.of(), call, null);
        if (!pipeline.isEmpty()) {
            Optional<MiddlewarePipeline.Staged> asked;
            try {
                asked = pipeline.stages(call);
            } catch (RuntimeException e) {
                return false;
            }
            if (asked.isEmpty()) {
                return false;
            }
            staged = asked.get();
        }
        if (staged.answer() != null) {
            return answerLocally(exchange, call, staged, body, received);
        }
        List<RelayStage> stages = staged.stages().reversed(); // events meet the innermost stage first
        Optional<RelayPlan> plan;
        try {
            plan = guarded.relayPlan(staged.call());
        } catch (RuntimeException e) {
            staged.setAside();
            return false;
        }
        if (plan.isEmpty()) {
            staged.setAside();
            return false;
        }
        List<RelayStage.RawWatch> watches = List.of();
        boolean asEvents = false;
        Map<String, String> added;
        try {
            if (plan.get().relay() instanceof Relay.Unchanged && !staged.stages().isEmpty()) {
                List<RelayStage.RawWatch> asked = askWatches(staged.stages());
                watches = asked.stream().filter(java.util.Objects::nonNull).toList();
                // A stage without a watch works on events: a successful answer is read as events for it.
                asEvents = watches.size() < asked.size();
            }
            added = headers(staged.stages());
        } catch (RuntimeException e) {
            watches = null;
            added = null;
        }
        if (watches == null) {
            plan.get().release();
            staged.setAside();
            return false;
        }
        List<RelayStage.RawWatch> watching = watches;
        boolean readAsEvents = asEvents;
        Map<String, String> adding = added;
        List<RelayStage> chosen = stages;
        MiddlewarePipeline.Staged relayed = staged;
        requests.body(call.id(), body);
        FastCall fast = new FastCall(exchange, call, plan.get(), upstream, client -> switch (plan.get().relay()) {
            case Relay.Unchanged unchanged when readAsEvents -> new RawOrEvents(
                    () -> new EventAnswer(exchange, call, WireAnswer.factory(json), chosen, json, writer.errors(), client,
                            plan.get()::idleMessage, asLists(adding)),
                    () -> new RawAnswer(exchange, call, writer, client, plan.get()::idleMessage, watching, adding));
            case Relay.Unchanged unchanged -> new RawAnswer(exchange, call, writer, client, plan.get()::idleMessage,
                    watching, adding);
            case Relay.Translated translated -> new EventAnswer(exchange, call, translated.translator(), chosen, json,
                    writer.errors(), client, plan.get()::idleMessage, asLists(adding));
        }, writer.errors(), finished, received, null, () -> MiddlewarePipeline.closeAll(relayed.stages(), true));
        exchange.dispatch(SameThreadExecutor.INSTANCE, fast::start);
        return true;
    }

    /** A call a stage answered itself: written from memory on this IO thread, never reaching the backend. */
    private boolean answerLocally(HttpServerExchange exchange, IncomingCall call, MiddlewarePipeline.Staged staged,
                                  byte[] body, long received) {
        List<RelayStage> stages = staged.stages();
        LocalReply reply;
        try {
            reply = LocalReply.of(staged.answer(), stages.subList(0, stages.size() - 1), json);
        } catch (RuntimeException e) {
            MiddlewarePipeline.closeAll(stages, false);
            return false;
        }
        requests.body(call.id(), body);
        FastCall fast = new FastCall(exchange, call, null, upstream,
                client -> reply.answer(exchange, call, writer, json, client), writer.errors(), finished, received,
                reply::play, () -> MiddlewarePipeline.closeAll(stages, true));
        exchange.dispatch(SameThreadExecutor.INSTANCE, fast::start);
        return true;
    }

    /** Every stage's watch of an answer relayed unchanged, outermost first; null when one of them has none. */
    static List<RelayStage.RawWatch> rawWatches(List<RelayStage> stages) {
        List<RelayStage.RawWatch> watches = askWatches(stages);
        return watches.contains(null) ? null : watches;
    }

    /** Each stage's watch of an answer relayed unchanged, outermost first; null for a stage that has none. */
    private static List<RelayStage.RawWatch> askWatches(List<RelayStage> stages) {
        List<RelayStage.RawWatch> watches = new ArrayList<>(stages.size());
        for (RelayStage stage : stages) {
            watches.add(stage.rawWatch());
        }
        return watches;
    }

    /** The stages' response headers; the outermost middleware's, put last, win, as on the blocking path. */
    private static Map<String, String> headers(List<RelayStage> stages) {
        Map<String, String> all = Map.of();
        for (RelayStage stage : stages.reversed()) {
            Map<String, String> own = stage.headers();
            if (!own.isEmpty()) {
                if (all.isEmpty()) {
                    all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                }
                all.putAll(own);
            }
        }
        return all;
    }

    private static Map<String, List<String>> asLists(Map<String, String> headers) {
        Map<String, List<String>> lists = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> lists.put(name, List.of(value)));
        return lists;
    }
}
