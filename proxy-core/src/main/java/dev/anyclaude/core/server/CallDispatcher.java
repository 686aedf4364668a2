package dev.anyclaude.core.server;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Backend;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.Reply;
import dev.anyclaude.core.json.RequestPeek;
import dev.anyclaude.core.plugins.BackendRegistry;
import dev.anyclaude.core.routing.MiddlewarePipeline;
import dev.anyclaude.core.routing.Route;
import dev.anyclaude.core.routing.RouteResolver;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a received request into a routed {@link IncomingCall} and gets the reply from the middleware pipeline and
 * the backend. Knows nothing of HTTP framing; {@link ProxyHandlers} does the I/O.
 */
final class CallDispatcher {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CallDispatcher.class);
    private final BackendRegistry backends;
    private final RouteResolver routes;
    private final java.util.function.Function<String, MiddlewarePipeline> pipelines;
    private final JsonCodec json;
    private final com.fasterxml.jackson.core.JsonFactory jsonFactory;

    CallDispatcher(BackendRegistry backends, RouteResolver routes,
                   java.util.function.Function<String, MiddlewarePipeline> pipelines, JsonCodec json,
                   com.fasterxml.jackson.core.JsonFactory jsonFactory) {
        this.backends = backends;
        this.routes = routes;
        this.pipelines = pipelines;
        this.json = json;
        this.jsonFactory = jsonFactory;
    }

    /** The calls to try, in order, for a Messages or count_tokens body; validates the body's top-level fields. */
    List<IncomingCall> calls(String id, RequestPeek.Kind kind, HttpHeaders headers, String query, byte[] body) {
        RequestPeek peek = RequestPeek.of(jsonFactory, body, kind);
        IncomingCall received = new IncomingCall(id, "", peek.model(), peek.stream(), headers, query, body, null, json);
        List<IncomingCall> calls = new ArrayList<>();
        for (Route route : routes.plan(peek.model(), received::request)) {
            calls.add(received.routedTo(route.backend(), route.model()));
        }
        return calls;
    }

    /**
     * Tries the calls in order: the next one only when the previous backend could not be reached or answered
     * 429, 5xx or 529, and nothing was sent to the client yet.
     */
    Answered firstAnswer(List<IncomingCall> calls, java.util.function.Function<IncomingCall, Reply> answer) {
        for (int i = 0; ; i++) {
            boolean last = i == calls.size() - 1;
            IncomingCall call = calls.get(i);
            try {
                Reply reply = answer.apply(call);
                if (!last && reply instanceof Reply.Raw raw && retryable(raw.status())) {
                    LOG.warn("{}: backend '{}' answered {}; trying '{}'", call.id(), call.backend(), raw.status(),
                            calls.get(i + 1).backend());
                    reply.close();
                    continue;
                }
                return new Answered(call, reply);
            } catch (AnthropicException e) {
                if (last || !retryable(e.status())) {
                    throw e;
                }
                LOG.warn("{}: backend '{}' failed ({}); trying '{}'", call.id(), call.backend(), e.getMessage(),
                        calls.get(i + 1).backend());
            }
        }
    }

    /** The call that was answered, and its reply. */
    record Answered(IncomingCall call, Reply reply) {
    }

    private static boolean retryable(int status) {
        return status == 429 || status >= 500;
    }

    /** A call without a body, for the default backend ({@code GET /v1/models}). */
    IncomingCall bodiless(String id, HttpHeaders headers, String query) {
        Route route = routes.defaultRoute();
        return new IncomingCall(id, route.backend(), route.model(), false, headers, query, null, null, json);
    }

    Reply messages(IncomingCall call) {
        return pipelines.apply(call.backend()).run(call, backend(call));
    }

    Reply countTokens(IncomingCall call) {
        return backend(call).countTokens(call);
    }

    Reply models(IncomingCall call) {
        return backend(call).models(call);
    }

    private Backend backend(IncomingCall call) {
        return backends.get(call.backend()).orElseThrow(() -> AnthropicException.of(ErrorType.INVALID_REQUEST,
                "unknown backend '" + call.backend() + "'; known backends: " + String.join(", ", backends.names())));
    }
}
