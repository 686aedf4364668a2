package dev.anyclaude.core.routing;

import java.util.Objects;

/** Where a request goes: a backend entry by name and the model to ask it for. */
public record Route(String backend, String model) {
    public Route {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(model, "model");
    }
}
