package dev.anyclaude.plugins.mlx;

/**
 * mlx_lm.server could not be started or reached; the message says what happened and how to fix it (it never
 * holds a secret). Thrown from {@code Backend.start()}, so the proxy refuses to start with this message.
 */
public final class MlxStartException extends IllegalStateException {
    public MlxStartException(String message) {
        super(message);
    }

    public MlxStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
