package dev.anyclaude.core.routing;

import dev.anyclaude.api.AnthropicException;
import java.util.List;
import java.util.Objects;

/**
 * Picks the route of a request from its model name: {@code backend,model} names a backend explicitly (so
 * {@code /model} inside Claude Code switches backend); any other name goes to the default backend unchanged.
 */
public final class RouteResolver {
    private final String defaultBackend;
    private final List<String> knownBackends;

    public RouteResolver(String defaultBackend, List<String> knownBackends) {
        this.defaultBackend = Objects.requireNonNull(defaultBackend);
        this.knownBackends = List.copyOf(knownBackends);
    }

    /**
     * The route for this model name.
     *
     * @throws AnthropicException 400 naming the known backends when the name's backend part is unknown
     */
    public Route resolve(String model) {
        int comma = model.indexOf(',');
        if (comma < 0) {
            return new Route(defaultBackend, model);
        }
        String backend = model.substring(0, comma).trim();
        String upstreamModel = model.substring(comma + 1).trim();
        if (!knownBackends.contains(backend)) {
            throw AnthropicException.invalidRequest("model: unknown backend '" + backend + "' in '" + model
                    + "'; known backends: " + String.join(", ", knownBackends));
        }
        if (upstreamModel.isEmpty()) {
            throw AnthropicException.invalidRequest("model: '" + model + "' names backend '" + backend
                    + "' but no model after the comma");
        }
        return new Route(backend, upstreamModel);
    }

    /** The backend for requests that name none (for example {@code GET /v1/models}). */
    public Route defaultRoute() {
        return new Route(defaultBackend, "");
    }
}
