package dev.anyclaude.core.routing;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a routing rule sends a request: a backend, and optionally the model to ask it for (without one, the
 * client's model name passes on). Written {@code "backend"} or {@code "backend,model"} in config.
 */
public record RouteTarget(String backend, Optional<String> model) {
    public RouteTarget {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(model, "model");
    }

    /**
     * Parses {@code "backend"} or {@code "backend,model"}.
     *
     * @throws IllegalArgumentException when a part is empty
     */
    public static RouteTarget parse(String text) {
        int comma = text.indexOf(',');
        String backend = (comma < 0 ? text : text.substring(0, comma)).trim();
        String model = comma < 0 ? "" : text.substring(comma + 1).trim();
        if (backend.isEmpty() || (comma >= 0 && model.isEmpty())) {
            throw new IllegalArgumentException("must be \"backend\" or \"backend,model\", was \"" + text + "\"");
        }
        return new RouteTarget(backend, model.isEmpty() ? Optional.empty() : Optional.of(model));
    }

    /** The route for a request whose client named {@code clientModel}. */
    public Route toRoute(String clientModel) {
        return new Route(backend, model.orElse(clientModel));
    }
}
