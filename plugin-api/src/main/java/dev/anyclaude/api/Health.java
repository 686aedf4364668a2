package dev.anyclaude.api;

import java.util.Objects;

/**
 * What a backend reports about itself for {@code GET /health} and diagnostics.
 *
 * @param status  whether the backend can take calls now
 * @param detail  a short human-readable explanation (never a secret); empty when there is nothing to say
 */
public record Health(Status status, String detail) {
    /** The three states a backend can be in. */
    public enum Status { UP, STARTING, DOWN }

    public Health {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    /** A backend that can take calls. */
    public static Health up() {
        return new Health(Status.UP, "");
    }

    /** A backend that cannot take calls, with the reason. */
    public static Health down(String detail) {
        return new Health(Status.DOWN, detail);
    }
}
