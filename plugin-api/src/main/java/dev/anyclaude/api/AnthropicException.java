package dev.anyclaude.api;

import java.util.Objects;

/**
 * The one exception type of anyclaude: a failure that reaches the client as an Anthropic error,
 * {@code {"type":"error","error":{"type":<type>,"message":<message>}}} with {@link #status()} as HTTP status
 * (or as an SSE {@code event: error} once a stream has started).
 *
 * <p>Plugins throw it for every failure they can describe. The message is shown to the user, so it must name
 * what went wrong and, where useful, the backend and its URL, but never a secret (API key, token, header value).
 *
 * <pre>{@code
 * throw AnthropicException.of(ErrorType.API, "backend 'gpu-box' at http://gpu-box:8000/v1 is unreachable");
 * }</pre>
 */
public class AnthropicException extends RuntimeException {
    private final ErrorType type;
    private final int status;

    /**
     * @param type    the Anthropic error type; not null
     * @param status  the HTTP status to answer with, 400..599
     * @param message what went wrong, shown to the client; not null, free of secrets
     * @param cause   the underlying failure, for the log only; may be null
     */
    public AnthropicException(ErrorType type, int status, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.type = Objects.requireNonNull(type, "type");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 400..599, was " + status);
        }
        this.status = status;
    }

    /** An error of this type with the type's usual status. */
    public static AnthropicException of(ErrorType type, String message) {
        return new AnthropicException(type, type.status(), message, null);
    }

    /** An error of this type with the type's usual status and a cause for the log. */
    public static AnthropicException of(ErrorType type, String message, Throwable cause) {
        return new AnthropicException(type, type.status(), message, cause);
    }

    /** A 400 {@code invalid_request_error}. */
    public static AnthropicException invalidRequest(String message) {
        return of(ErrorType.INVALID_REQUEST, message);
    }

    /** A 500 {@code api_error}, for failures inside anyclaude or a backend. */
    public static AnthropicException apiError(String message, Throwable cause) {
        return of(ErrorType.API, message, cause);
    }

    /** The Anthropic error type. */
    public ErrorType type() {
        return type;
    }

    /** The HTTP status, 400..599. */
    public int status() {
        return status;
    }
}
