package dev.anyclaude.api;

import java.util.Locale;

/**
 * The error types of the Anthropic Messages API, each with the HTTP status it is normally sent with.
 *
 * <p>The wire name ({@link #wireName()}) is what goes into {@code {"type":"error","error":{"type": ...}}}.
 * Statuses follow the Anthropic error reference: 400, 401, 402, 403, 404, 413, 429, 500, 504 and 529.
 */
public enum ErrorType {
    INVALID_REQUEST("invalid_request_error", 400),
    AUTHENTICATION("authentication_error", 401),
    BILLING("billing_error", 402),
    PERMISSION("permission_error", 403),
    NOT_FOUND("not_found_error", 404),
    REQUEST_TOO_LARGE("request_too_large", 413),
    RATE_LIMIT("rate_limit_error", 429),
    API("api_error", 500),
    TIMEOUT("timeout_error", 504),
    OVERLOADED("overloaded_error", 529);

    private final String wireName;
    private final int status;

    ErrorType(String wireName, int status) {
        this.wireName = wireName;
        this.status = status;
    }

    /** The name used on the wire, for example {@code "invalid_request_error"}. */
    public String wireName() {
        return wireName;
    }

    /** The HTTP status this type is normally answered with. */
    public int status() {
        return status;
    }

    /**
     * The type an upstream HTTP status maps to: 400 and unlisted 4xx to {@link #INVALID_REQUEST}, 503 and 529 to
     * {@link #OVERLOADED}, other 5xx to {@link #API}.
     */
    public static ErrorType forStatus(int status) {
        return switch (status) {
            case 401 -> AUTHENTICATION;
            case 402 -> BILLING;
            case 403 -> PERMISSION;
            case 404 -> NOT_FOUND;
            case 413 -> REQUEST_TOO_LARGE;
            case 429 -> RATE_LIMIT;
            case 504 -> TIMEOUT;
            case 503, 529 -> OVERLOADED;
            default -> status >= 500 ? API : INVALID_REQUEST;
        };
    }

    /** The type with this wire name; {@link #API} for a name this version does not know. */
    public static ErrorType fromWireName(String wireName) {
        for (ErrorType type : values()) {
            if (type.wireName.equals(wireName)) {
                return type;
            }
        }
        return API;
    }

    @Override
    public String toString() {
        return wireName.toLowerCase(Locale.ROOT);
    }
}
