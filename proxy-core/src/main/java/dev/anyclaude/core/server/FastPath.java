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
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Takes a Messages call onto the fast path when it can: its backend offers a {@link Relay} for it, it has one route
 * (no fallback), every middleware on that route offers a {@link RelayStage} (and the answer is translated, which is
 * where stages apply), and a concurrency slot is free at once. The call is then sent and its answer relayed on the
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
        List<RelayStage> stages = List.of();
        dev.anyclaude.api.Call sent = call;
        if (!pipeline.isEmpty()) {
            Optional<MiddlewarePipeline.Staged> staged;
            try {
                staged = pipeline.stages(call);
            } catch (RuntimeException e) {
                return false;
            }
            if (staged.isEmpty()) {
                return false;
            }
            stages = staged.get().stages().reversed(); // events meet the innermost stage first
            sent = staged.get().call();
        }
        Optional<RelayPlan> plan;
        try {
            plan = guarded.relayPlan(sent);
        } catch (RuntimeException e) {
            return false;
        }
        if (plan.isEmpty()) {
            return false;
        }
        if (plan.get().relay() instanceof Relay.Unchanged && !stages.isEmpty()) {
            plan.get().release();
            return false;
        }
        List<RelayStage> chosen = stages;
        requests.body(call.id(), body);
        FastCall fast = new FastCall(exchange, call, plan.get(), upstream, client -> switch (plan.get().relay()) {
            case Relay.Unchanged unchanged -> new RawAnswer(exchange, call, writer, client, plan.get()::idleMessage);
            case Relay.Translated translated -> new EventAnswer(exchange, call, translated.translator(), chosen, json,
                    writer.errors(), client, plan.get()::idleMessage);
        }, writer.errors(), finished, received);
        exchange.dispatch(SameThreadExecutor.INSTANCE, fast::start);
        return true;
    }
}
