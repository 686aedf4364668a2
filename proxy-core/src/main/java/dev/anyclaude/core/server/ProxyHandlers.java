package dev.anyclaude.core.server;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.Reply;
import dev.anyclaude.core.json.RequestPeek;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.Methods;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP surface: {@code POST /v1/messages}, {@code POST /v1/messages/count_tokens}, {@code GET /v1/models},
 * {@code GET /health}, and an Anthropic {@code not_found_error} for anything else. Bodies are read on the IO
 * thread without blocking, bounded by the size limit; the work then moves to a virtual thread.
 */
public final class ProxyHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyHandlers.class);

    private final CallDispatcher dispatcher;
    private final JsonCodec json;
    private final ReplyWriter writer;
    private final ErrorResponder errors;
    private final Executor workers;
    private final BodyReader bodies;
    private final RequestLog requests = new RequestLog();
    private final java.util.Optional<String> token;
    private final dev.anyclaude.api.Metrics metrics;
    private final Supplier<String> metricsText;
    private final Supplier<Map<String, Object>> health;
    private final dev.anyclaude.api.Metrics.Timer requestTime;
    private final dev.anyclaude.core.observe.RequestObserver observer;
    private final dev.anyclaude.core.observe.UpstreamErrorMeter upstreamErrors;
    private final dev.anyclaude.api.Metrics.Timer upstreamWait;
    private final java.util.function.LongConsumer inProcess;
    private FastPath fastPath;

    ProxyHandlers(CallDispatcher dispatcher, JsonCodec json, Executor workers, long maxBodyBytes,
                  Supplier<Map<String, Object>> health, dev.anyclaude.api.Metrics metrics,
                  java.util.Optional<String> token, Supplier<String> metricsText,
                  dev.anyclaude.core.observe.RequestObserver observer, java.util.function.LongConsumer inProcess) {
        this.observer = observer;
        this.inProcess = inProcess;
        this.upstreamWait = metrics.timer("anyclaude.upstream.wait");
        this.upstreamErrors = new dev.anyclaude.core.observe.UpstreamErrorMeter(metrics);
        this.token = token;
        this.metrics = metrics;
        this.metricsText = metricsText;
        this.requestTime = metrics.timer("anyclaude.request.duration");
        this.dispatcher = dispatcher;
        this.json = json;
        this.errors = new ErrorResponder(json);
        this.writer = new ReplyWriter(json, errors);
        this.workers = workers;
        this.bodies = new BodyReader(maxBodyBytes);
        this.health = health;
    }

    /**
     * The handlers for these parts.
     *
     * @param health   the body of {@code GET /health}, computed per request
     * @param observer told about every API request once it is answered (request log ring, cost)
     */
    public static ProxyHandlers create(dev.anyclaude.core.plugins.BackendRegistry backends,
                                       dev.anyclaude.core.routing.RouteResolver routes,
                                       java.util.function.Function<String, dev.anyclaude.core.routing.MiddlewarePipeline> pipelines,
                                       dev.anyclaude.core.json.ProtocolJson json, Executor workers, long maxBodyBytes,
                                       Supplier<Map<String, Object>> health, dev.anyclaude.core.plugins.ProxyMetrics metrics,
                                       java.util.Optional<String> token, Supplier<String> metricsText,
                                       dev.anyclaude.core.observe.RequestObserver observer,
                                       java.util.Optional<dev.anyclaude.core.http.IoThreadClient> fastPath) {
        CallDispatcher dispatcher = new CallDispatcher(backends, routes, pipelines, json, json.mapper().getFactory());
        ProxyHandlers handlers = new ProxyHandlers(dispatcher, json, workers, maxBodyBytes, health, metrics, token,
                metricsText, observer, metrics::recordInProcess);
        fastPath.ifPresent(upstream -> handlers.fastPath = new FastPath(backends, pipelines, upstream,
                handlers.writer, json, handlers::fastFinished, handlers.requests));
        return handlers;
    }

    /** The root handler. */
    public HttpHandler root() {
        PathHandler paths = new PathHandler(this::notFound);
        paths.addExactPath("/v1/messages", guarded(post(RequestPeek.Kind.MESSAGES, upstreamErrors.around(dispatcher::messages))));
        paths.addExactPath("/v1/messages/count_tokens", guarded(post(RequestPeek.Kind.COUNT_TOKENS, dispatcher::countTokens)));
        paths.addExactPath("/v1/models", guarded(this::models));
        paths.addExactPath("/health", this::health);
        paths.addExactPath("/metrics", guarded(this::metrics));
        paths.addExactPath("/", this::health);
        return paths;
    }

    private HttpHandler guarded(HttpHandler handler) {
        return token.<HttpHandler>map(t -> new TokenGuard(t, handler, errors)).orElse(handler);
    }

    private HttpHandler post(RequestPeek.Kind kind, Function<IncomingCall, Reply> answer) {
        return exchange -> {
            if (!exchange.getRequestMethod().equals(Methods.POST)) {
                methodNotAllowed(exchange, "POST");
                return;
            }
            long received = System.nanoTime();
            bodies.read(exchange,
                    (ex, body) -> {
                        String id = RequestIds.next();
                        List<IncomingCall> planned = kind == RequestPeek.Kind.MESSAGES && fastPath != null
                                ? planOnIoThread(ex, id, kind, body) : null;
                        if (planned != null && fastPath.tryStart(ex, planned, body, received)) {
                            return;
                        }
                        ClientDisconnect disconnect = ClientDisconnect.watch(ex);
                        ex.dispatch(workers, () -> {
                            disconnect.runsOn(Thread.currentThread());
                            answer(ex, kind, id, planned, body, answer, received, disconnect);
                        });
                    },
                    (ex, error) -> errors.send(ex, error, null));
        };
    }

    /** The call's plan, made once on the IO thread for the fast path to look at; null when the body is refused. */
    private List<IncomingCall> planOnIoThread(HttpServerExchange exchange, String id, RequestPeek.Kind kind,
                                              byte[] body) {
        try {
            return dispatcher.calls(id, kind, headers(exchange), exchange.getQueryString(), body);
        } catch (RuntimeException e) {
            return null; // the blocking path plans again and answers with the error
        }
    }

    /**
     * Answers a call on its worker thread.
     *
     * @param planned the plan already made on the IO thread, or null to make it here
     */
    private void answer(HttpServerExchange exchange, RequestPeek.Kind kind, String id, List<IncomingCall> planned,
                        byte[] body, Function<IncomingCall, Reply> answer, long start, ClientDisconnect disconnect) {
        exchange.startBlocking();
        String backend = "";
        String model = "";
        long firstByte = 0;
        long firstToken = 0;
        boolean streaming = false;
        dev.anyclaude.api.model.Usage usage = null;
        requests.body(id, body);
        try {
            List<IncomingCall> calls = planned != null ? planned
                    : dispatcher.calls(id, kind, headers(exchange), exchange.getQueryString(), body);
            CallDispatcher.Answered answered = dispatcher.firstAnswer(calls, answer);
            backend = answered.call().backend();
            model = answered.call().model();
            streaming = answered.call().streaming();
            disconnect.relays(answered.reply());
            ReplyWriter.Written written = writer.write(exchange, answered.call(), answered.reply());
            firstByte = written.firstByteNanos();
            firstToken = written.firstTokenNanos();
            usage = written.usage();
        } catch (AnthropicException e) {
            LOG.debug("{}: {} {}", id, e.status(), e.getMessage());
            errors.send(exchange, e, id);
            firstByte = System.nanoTime();
        } catch (RuntimeException e) {
            if (disconnect.isGone()) {
                LOG.debug("{}: the client went away; the call ended with {}", id, e.toString());
                exchange.endExchange();
                return;
            }
            LOG.error("{}: unexpected failure", id, e);
            errors.send(exchange, AnthropicException.apiError("internal error in anyclaude: " + e, e), id);
            firstByte = System.nanoTime();
        }
        report(exchange, id, backend, model, streaming, usage, start, firstByte, firstToken, -1);
    }

    /** A call on the fast path is over: counted, logged and timed as {@link #answer} does for the others. */
    private void fastFinished(FastCall fast) {
        FastAnswer answer = fast.answer();
        IncomingCall call = fast.call();
        int status = fast.status();
        if (fast.askedUpstream()) {
            if (status == 429 || status >= 500 || answer.relaysUnchanged() && status >= 400) {
                upstreamErrors.count(call.backend(), status);
            }
            upstreamWait.record(java.time.Duration.ofNanos(fast.upstreamWaitNanos()));
        }
        HttpServerExchange exchange = fast.exchange();
        long firstByte = answer.firstByteNanos() > 0 ? answer.firstByteNanos() : System.nanoTime();
        report(exchange, call.id(), call.backend(), call.model(), call.streaming(), answer.usage(), fast.receivedNanos(),
                firstByte, answer.firstTokenNanos(), fast.upstreamWaitNanos());
    }

    /**
     * Logs, counts and times an answered call.
     *
     * @param upstreamWait nanoseconds spent waiting for upstream headers, or -1 when the upstream client timed them
     */
    private void report(HttpServerExchange exchange, String id, String backend, String model, boolean streaming,
                        dev.anyclaude.api.model.Usage usage, long start, long firstByte, long firstToken,
                        long upstreamWait) {
        long end = System.nanoTime();
        requestTime.record(java.time.Duration.ofNanos(end - start));
        if (upstreamWait >= 0) {
            inProcess.accept(end - start - upstreamWait);
        }
        int status = exchange.getStatusCode();
        requests.log(id, exchange.getRequestPath(), backend, model, status, usage, start, firstByte,
                end, exchange.getResponseHeaders().getFirst("x-anyclaude-cache"));
        record(backend, model, status, usage, start, firstByte);
        if (firstToken > 0) {
            metrics.timer("anyclaude.time.to.first.token", "backend", backend).record(java.time.Duration.ofNanos(firstToken - start));
        }
        observer.completed(new dev.anyclaude.core.observe.CompletedRequest(id,
                java.time.Instant.now().minusNanos(end - start), exchange.getRequestPath(), backend, model, streaming,
                status, usage, firstByte > 0 ? firstByte - start : -1,
                firstToken > 0 ? firstToken - start : -1, end - start));
    }

    private void models(HttpServerExchange exchange) {
        if (!exchange.getRequestMethod().equals(Methods.GET)) {
            methodNotAllowed(exchange, "GET");
            return;
        }
        if (exchange.isInIoThread()) {
            exchange.dispatch(workers, () -> models(exchange));
            return;
        }
        exchange.startBlocking();
        String id = RequestIds.next();
        try {
            IncomingCall call = dispatcher.bodiless(id, headers(exchange), exchange.getQueryString());
            writer.write(exchange, call, dispatcher.models(call));
        } catch (AnthropicException e) {
            errors.send(exchange, e, id);
        } catch (RuntimeException e) {
            LOG.error("{}: unexpected failure", id, e);
            errors.send(exchange, AnthropicException.apiError("internal error in anyclaude: " + e, e), id);
        }
    }

    private void health(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(workers, () -> health(exchange));
            return;
        }
        exchange.getResponseHeaders().put(io.undertow.util.Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(json.write(health.get())));
    }

    private void metrics(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(io.undertow.util.Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        exchange.getResponseSender().send(metricsText.get());
    }

    private void record(String backend, String model, int status, dev.anyclaude.api.model.Usage usage, long start,
                        long firstByte) {
        String name = backend.isEmpty() ? "none" : backend;
        metrics.counter("anyclaude.requests", "backend", name, "model", model.isEmpty() ? "none" : model,
                "status", Integer.toString(status)).increment();
        if (firstByte > 0) {
            metrics.timer("anyclaude.time.to.first.byte", "backend", name).record(java.time.Duration.ofNanos(firstByte - start));
        }
        if (usage != null && usage.inputTokens() != null) {
            metrics.counter("anyclaude.tokens", "backend", name, "direction", "in").increment(usage.inputTokens());
        }
        if (usage != null && usage.outputTokens() != null) {
            metrics.counter("anyclaude.tokens", "backend", name, "direction", "out").increment(usage.outputTokens());
        }
    }

    private void notFound(HttpServerExchange exchange) {
        errors.send(exchange, AnthropicException.of(ErrorType.NOT_FOUND,
                "not found: " + exchange.getRequestMethod() + " " + exchange.getRequestPath()), null);
    }

    private void methodNotAllowed(HttpServerExchange exchange, String allowed) {
        exchange.getResponseHeaders().put(io.undertow.util.Headers.ALLOW, allowed);
        errors.send(exchange, new AnthropicException(ErrorType.INVALID_REQUEST, 405,
                exchange.getRequestMethod() + " is not allowed on " + exchange.getRequestPath() + "; use " + allowed, null), null);
    }

    private static HttpHeaders headers(HttpServerExchange exchange) {
        return dev.anyclaude.core.http.UndertowHeaders.toHttpHeaders(exchange.getRequestHeaders());
    }
}
