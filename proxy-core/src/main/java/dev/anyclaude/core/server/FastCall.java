package dev.anyclaude.core.server;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.core.http.HeaderLookup;
import dev.anyclaude.core.http.IoThreadClient;
import dev.anyclaude.core.http.UpstreamAttempt;
import dev.anyclaude.core.reliability.RelayPlan;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * One call on the fast path, from the first attempt to the end of the answer, on the IO thread that serves its
 * client: attempts the upstream request, retries failures and retryable statuses before the first byte as its
 * {@link RelayPlan} says (after a pause on the IO thread's timer, not a sleeping thread), cuts the call at its total
 * limit, drops the upstream at once when the client hangs up, and hands the answer that counts to its
 * {@link FastAnswer}. Reports the finished call once.
 */
final class FastCall implements UpstreamAttempt.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FastCall.class);

    /** Told once when the call is over. */
    interface Finished {
        void finished(FastCall call);
    }

    private final HttpServerExchange exchange;
    private final IncomingCall call;
    private final RelayPlan plan;
    private final IoThreadClient upstream;
    private final FastAnswer answer;
    private final ErrorResponder errors;
    private final Finished finished;
    private final long received;
    private final java.util.function.Consumer<FastAnswer> local;
    private final Runnable whenOver;
    private final XnioIoThread thread;
    private final ClientWriter writer;
    private UpstreamAttempt attempt;
    private XnioExecutor.Key deadline;
    private XnioExecutor.Key pause;
    private int retry;
    private boolean answering;
    private boolean over;
    private long upstreamWaitNanos;

    FastCall(HttpServerExchange exchange, IncomingCall call, RelayPlan plan, IoThreadClient upstream,
             java.util.function.Function<ClientWriter, FastAnswer> answer, ErrorResponder errors, Finished finished,
             long received) {
        this(exchange, call, plan, upstream, answer, errors, finished, received, null, () -> { });
    }

    /**
     * @param plan  the upstream request and its policy; null when {@code local} answers the call instead
     * @param local writes an answer already in memory (a middleware's own) into the call's answer, on the IO thread;
     *              null to ask the upstream
     * @param over  run once when the call is over (the route's relay stages are told)
     */
    FastCall(HttpServerExchange exchange, IncomingCall call, RelayPlan plan, IoThreadClient upstream,
             java.util.function.Function<ClientWriter, FastAnswer> answer, ErrorResponder errors, Finished finished,
             long received, java.util.function.Consumer<FastAnswer> local, Runnable over) {
        this.local = local;
        this.whenOver = over;
        this.exchange = exchange;
        this.call = call;
        this.plan = plan;
        this.upstream = upstream;
        this.errors = errors;
        this.finished = finished;
        this.received = received;
        this.thread = exchange.getIoThread();
        this.writer = new ClientWriter(exchange, this::pauseUpstream, this::resumeUpstream, e -> close());
        this.answer = answer.apply(writer);
    }

    /** Starts the first attempt; on the exchange's IO thread. */
    void start() {
        exchange.addExchangeCompleteListener((ex, next) -> {
            end();
            next.proceed();
        });
        if (plan != null && plan.deadlineNanos() != Long.MAX_VALUE) {
            deadline = thread.executeAfter(this::expired,
                    Math.max(1, TimeUnit.NANOSECONDS.toMillis(plan.deadlineNanos() - System.nanoTime())),
                    TimeUnit.MILLISECONDS);
        }
        // As on the blocking path: watched from the moment the body was read until the exchange completes.
        ClientDisconnect.watch(exchange).relays(this);
        if (local != null) {
            answering = true;
            writer.hold();
            try {
                local.accept(answer);
            } finally {
                writer.letGo();
            }
        } else {
            attempt();
        }
    }

    private void attempt() {
        pause = null;
        if (over) {
            return;
        }
        attempt = upstream.start(thread, exchange.getConnection().getByteBufferPool(), plan.attemptRequest(),
                plan.connect(), this);
    }

    @Override
    public void onHeaders(int status, HttpHeaders headers) {
        upstreamWaitNanos += System.nanoTime() - attempt.startedNanos();
        Optional<Duration> wait = plan.retryAfterStatus(retry + 1, status,
                HeaderLookup.first(headers, "retry-after"));
        if (wait.isPresent()) {
            LOG.warn("{}: backend '{}' answered {}; retry {} of the policy's in {} ms", call.id(), plan.backend(),
                    status, retry + 1, wait.get().toMillis());
            attempt.abort();
            retryAfter(wait.get());
            return;
        }
        answering = true;
        answer.head(status, headers);
    }

    @Override
    public void onBody(ByteBuffer bytes) {
        writer.hold();
        answer.body(bytes);
    }

    @Override
    public void afterReads() {
        writer.letGo();
    }

    @Override
    public void onEnd() {
        answer.end();
    }

    @Override
    public void onFailure(IOException failure, boolean afterHeaders) {
        if (afterHeaders) {
            if (answering) {
                answer.broke(failure);
            }
            return;
        }
        upstreamWaitNanos += System.nanoTime() - attempt.startedNanos();
        AnthropicException explained = plan.explain(failure);
        Optional<Duration> wait = plan.retryAfterFailure(retry + 1, explained);
        if (wait.isPresent()) {
            LOG.warn("{}: backend '{}' failed ({}); retry {} in {} ms", call.id(), plan.backend(),
                    explained.getMessage(), retry + 1, wait.get().toMillis());
            retryAfter(wait.get());
            return;
        }
        errors.send(exchange, explained, call.id());
    }

    private void retryAfter(Duration wait) {
        retry++;
        pause = thread.executeAfter(this::attempt, Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void expired() {
        deadline = null;
        if (over || exchange.isComplete()) {
            return;
        }
        if (pause != null) {
            pause.remove();
        }
        if (attempt != null) {
            attempt.abort();
        }
        if (answering) {
            answer.expired(plan.expiredMessage());
        } else if (!exchange.isResponseStarted()) { // an error already on its way (the header timer's) stays the answer
            errors.send(exchange, plan.headersExpired(), call.id());
        }
    }

    private void pauseUpstream() {
        if (attempt != null) {
            attempt.suspend();
        }
    }

    private void resumeUpstream() {
        if (attempt != null) {
            attempt.resume();
        }
    }

    /** The client went away or cannot be written to: drop the upstream at once. */
    @Override
    public void close() {
        if (thread == Thread.currentThread()) {
            drop();
        } else {
            thread.execute(this::drop);
        }
    }

    private void drop() {
        if (pause != null) {
            pause.remove();
        }
        if (attempt != null) {
            attempt.abort();
        }
        if (!exchange.isComplete()) {
            org.xnio.IoUtils.safeClose(exchange.getConnection());
        }
        end();
    }

    /** Once, when the exchange completed (or the client went away): timers off, slot back, call reported. */
    private void end() {
        if (over) {
            return;
        }
        over = true;
        for (XnioExecutor.Key key : new XnioExecutor.Key[] {deadline, pause}) {
            if (key != null) {
                key.remove();
            }
        }
        if (plan != null) {
            plan.release();
        }
        whenOver.run();
        finished.finished(this);
    }

    IncomingCall call() {
        return call;
    }

    HttpServerExchange exchange() {
        return exchange;
    }

    FastAnswer answer() {
        return answer;
    }

    long receivedNanos() {
        return received;
    }

    /** False for a call a middleware answered itself (nothing was asked of the upstream). */
    boolean askedUpstream() {
        return plan != null;
    }

    /** Time spent waiting for upstream headers, over all attempts. */
    long upstreamWaitNanos() {
        return upstreamWaitNanos;
    }

    /** The status the client got (or is getting). */
    int status() {
        return exchange.getStatusCode();
    }
}
