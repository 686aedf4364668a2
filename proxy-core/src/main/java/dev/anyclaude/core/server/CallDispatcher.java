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

/**
 * Turns a received request into a routed {@link IncomingCall} and gets the reply from the middleware pipeline and
 * the backend. Knows nothing of HTTP framing; {@link ProxyHandlers} does the I/O.
 */
final class CallDispatcher {
    private final BackendRegistry backends;
    private final RouteResolver routes;
    private final MiddlewarePipeline pipeline;
    private final JsonCodec json;
    private final com.fasterxml.jackson.core.JsonFactory jsonFactory;

    CallDispatcher(BackendRegistry backends, RouteResolver routes, MiddlewarePipeline pipeline, JsonCodec json,
                   com.fasterxml.jackson.core.JsonFactory jsonFactory) {
        this.backends = backends;
        this.routes = routes;
        this.pipeline = pipeline;
        this.json = json;
        this.jsonFactory = jsonFactory;
    }

    /** The call for a Messages or count_tokens body; validates the body's top-level fields. */
    IncomingCall call(String id, RequestPeek.Kind kind, HttpHeaders headers, String query, byte[] body) {
        RequestPeek peek = RequestPeek.of(jsonFactory, body, kind);
        Route route = routes.resolve(peek.model());
        IncomingCall call = new IncomingCall(id, route.backend(), peek.model(), peek.stream(), headers, query, body,
                null, json);
        return call.routedTo(route.backend(), route.model());
    }

    /** A call without a body, for the default backend ({@code GET /v1/models}). */
    IncomingCall bodiless(String id, HttpHeaders headers, String query) {
        Route route = routes.defaultRoute();
        return new IncomingCall(id, route.backend(), route.model(), false, headers, query, null, null, json);
    }

    Reply messages(IncomingCall call) {
        return pipeline.run(call, backend(call));
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
