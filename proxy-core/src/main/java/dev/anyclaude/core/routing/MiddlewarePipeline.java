package dev.anyclaude.core.routing;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Backend;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.relay.RelayStage;
import java.util.List;
import java.util.Optional;
import java.util.Objects;

/**
 * Runs a call through the middleware of its route and then the backend, OkHttp style: each middleware gets a
 * chain positioned after it. The chain checks the contract (proceed at most once, never return null) and names
 * the middleware that broke it.
 */
public final class MiddlewarePipeline {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MiddlewarePipeline.class);

    /** A middleware with the name it is reported by, and its setting in this pipeline's backend entry (or null). */
    public record Named(String name, Middleware middleware, Object setting) {
        public Named {
            Objects.requireNonNull(name);
            Objects.requireNonNull(middleware);
        }

        public Named(String name, Middleware middleware) {
            this(name, middleware, null);
        }
    }

    private final List<Named> middleware;

    public MiddlewarePipeline(List<Named> middleware) {
        this.middleware = List.copyOf(middleware);
    }

    /** Answers the call through every middleware, then the backend. */
    public Reply run(Call call, Backend backend) {
        return new Link(0, call, backend).proceedChecked(call, "the proxy");
    }

    /** True when no middleware is on this pipeline's route. */
    public boolean isEmpty() {
        return middleware.isEmpty();
    }

    /**
     * Every middleware's fast-path stage for this call, outermost first, and the call as it reaches the backend;
     * empty when one of them has none ({@link Middleware#onRelay}), which keeps the call off the fast path. A stage
     * that answers the call itself ({@link RelayStage#answer}) is the last one asked, as on the blocking path its
     * {@code intercept} would be the last to run. Stages already made are closed (not relayed) when the result is
     * empty or a stage throws.
     */
    public Optional<Staged> stages(Call call) {
        List<RelayStage> stages = new java.util.ArrayList<>(middleware.size());
        Call current = call;
        try {
            for (Named named : middleware) {
                Optional<RelayStage> stage = named.middleware().onRelay(current, named.setting());
                if (stage.isEmpty()) {
                    closeAll(stages, false);
                    return Optional.empty();
                }
                stages.add(stage.get());
                current = Objects.requireNonNull(stage.get().request(current),
                        () -> "middleware '" + named.name() + "' passed a null call on");
                Optional<Reply> answer = stage.get().answer();
                if (answer.isPresent()) {
                    return Optional.of(new Staged(List.copyOf(stages), current, answer.get()));
                }
            }
        } catch (RuntimeException e) {
            closeAll(stages, false);
            throw e;
        }
        return Optional.of(new Staged(List.copyOf(stages), current, null));
    }

    /** Tells each stage the call is over for it ({@link RelayStage#closed}); a stage that throws is logged. */
    public static void closeAll(List<RelayStage> stages, boolean relayed) {
        for (RelayStage stage : stages) {
            try {
                stage.closed(relayed);
            } catch (RuntimeException e) {
                LOG.warn("a middleware's relay stage failed to close: {}", e.toString());
            }
        }
    }

    /**
     * The stages of a call, outermost first, and the call they pass to the backend; {@code answer} is the reply the
     * last (innermost) stage gave itself ({@link RelayStage#answer}), or null when the upstream is to be asked.
     */
    public record Staged(List<RelayStage> stages, Call call, Reply answer) {

        /** Sets the stages aside (and closes the answer): the call takes the blocking path. */
        public void setAside() {
            if (answer != null) {
                answer.close();
            }
            closeAll(stages, false);
        }
    }

    private final class Link implements Middleware.Chain {
        private final int index;
        private final Call call;
        private final Backend backend;
        private boolean proceeded;

        Link(int index, Call call, Backend backend) {
            this.index = index;
            this.call = call;
            this.backend = backend;
        }

        @Override
        public Call call() {
            return call;
        }

        @Override
        public Object backendSetting() {
            return index == 0 ? null : middleware.get(index - 1).setting();
        }

        @Override
        public Reply proceed(Call next) {
            String caller = index == 0 ? "the proxy" : "middleware '" + middleware.get(index - 1).name() + "'";
            if (proceeded) {
                throw AnthropicException.apiError(caller + " called proceed() more than once", null);
            }
            proceeded = true;
            return proceedChecked(next, caller);
        }

        Reply proceedChecked(Call next, String caller) {
            Objects.requireNonNull(next, () -> caller + " passed a null call to proceed()");
            if (index == middleware.size()) {
                return Objects.requireNonNull(backend.messages(next),
                        () -> "backend '" + next.backend() + "' returned a null reply");
            }
            Named current = middleware.get(index);
            Reply reply = current.middleware().intercept(new Link(index + 1, next, backend));
            if (reply == null) {
                throw AnthropicException.apiError("middleware '" + current.name() + "' returned a null reply", null);
            }
            return reply;
        }
    }
}
