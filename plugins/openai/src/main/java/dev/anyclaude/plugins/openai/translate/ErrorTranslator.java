package dev.anyclaude.plugins.openai.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import dev.anyclaude.plugins.openai.wire.UpstreamError;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns an OpenAI-style server's failure into the {@link AnthropicException} the client gets (PROTOCOLS.md 5.3).
 * Reads every error body shape seen in the wild: OpenAI {@code {"error":{"message","type","code"}}}, vLLM
 * {@code {"object":"error","message",...}}, mlx_lm {@code {"error":"<text>"}}, OpenRouter
 * {@code {"error":{"code":<status>,"message","metadata"}}}, FastAPI {@code {"detail":...}} and plain text.
 *
 * <p>The message names the backend and quotes the upstream message; anything that looks like a credential is
 * masked. A context-length error is reported as {@code "prompt is too long: ..."}, the wording Claude Code
 * reacts to by compacting the conversation. Thread-safe.
 */
public final class ErrorTranslator {
    private static final int MAX_DETAIL = 500;
    private static final Pattern SECRET = Pattern.compile(
            "(?i)(bearer\\s+)\\S+|\\b(sk|rk|pk)-[A-Za-z0-9_\\-]{8,}");
    private static final Pattern CONTEXT_LENGTH = Pattern.compile(
            "(?i)context[_ ]length|context window|maximum context|too many tokens|prompt is too long");

    private final String backend;
    private final OpenAiJson json;
    private final ErrorExplainer explainer;

    /**
     * @param backend the backend's config name, used in messages
     * @param json    the codec to read error bodies
     */
    public ErrorTranslator(String backend, OpenAiJson json) {
        this(backend, json, ErrorExplainer.unchanged());
    }

    /**
     * @param backend   the backend's config name, used in messages
     * @param json      the codec to read error bodies
     * @param explainer the backend's own wording of failures, applied last
     */
    public ErrorTranslator(String backend, OpenAiJson json, ErrorExplainer explainer) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.json = Objects.requireNonNull(json, "json");
        this.explainer = Objects.requireNonNull(explainer, "explainer");
    }

    /**
     * The exception for an HTTP error answer from the upstream.
     *
     * @param status the upstream HTTP status (4xx or 5xx)
     * @param body   the upstream body; may be empty, non-JSON or null
     */
    public AnthropicException fromHttp(int status, byte[] body) {
        return fromHttp(status, body, null);
    }

    /**
     * The exception for an HTTP error answer from the upstream, with its {@code Retry-After} header for the
     * backend's {@link ErrorExplainer}.
     *
     * @param status     the upstream HTTP status (4xx or 5xx)
     * @param body       the upstream body; may be empty, non-JSON or null
     * @param retryAfter the upstream's {@code Retry-After} header; may be null
     */
    public AnthropicException fromHttp(int status, byte[] body, String retryAfter) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        UpstreamError error = parse(text);
        ErrorType type = status == 408 ? ErrorType.TIMEOUT : ErrorType.forStatus(status);
        String detail = error != null && error.message() != null ? describe(error) : text;
        return explain(new ErrorExplainer.UpstreamFailure(status, error, retryAfter, false),
                exception(type, "backend '" + backend + "' answered HTTP " + status, detail, error));
    }

    /**
     * The exception for an error object the upstream sent inside a 200 answer (a non-stream body, or a stream
     * chunk before anything reached the client). The type follows {@code code} when it is an HTTP status
     * (OpenRouter), else the error's {@code type}.
     */
    public AnthropicException fromError(UpstreamError error) {
        Integer status = error.status();
        ErrorType type = status != null ? ErrorType.forStatus(status) : typeFromName(error);
        return explain(new ErrorExplainer.UpstreamFailure(200, error, null, false),
                exception(type, "backend '" + backend + "' reported an error", describe(error), error));
    }

    /**
     * The error for an error object the upstream sent in a stream that already reached the client: its type is
     * the SSE {@code error} event's type ({@link #streamType}, unless the backend's explainer says otherwise).
     */
    AnthropicException midStream(UpstreamError error) {
        String detail = clean(describe(error));
        String message = "backend '" + backend + "' failed during the answer" + (detail.isEmpty() ? "" : ": " + detail);
        return explain(new ErrorExplainer.UpstreamFailure(200, error, null, true),
                AnthropicException.of(streamType(error), message));
    }

    private AnthropicException explain(ErrorExplainer.UpstreamFailure failure, AnthropicException translated) {
        return Objects.requireNonNull(explainer.explain(failure, translated), "ErrorExplainer returned null");
    }

    /**
     * The type of an error event in a stream that already started: {@code overloaded_error} for capacity and
     * rate problems (the client should try again later), else {@code api_error}.
     */
    static ErrorType streamType(UpstreamError error) {
        Integer status = error == null ? null : error.status();
        ErrorType type = status != null ? ErrorType.forStatus(status) : typeFromName(error);
        return type == ErrorType.OVERLOADED || type == ErrorType.RATE_LIMIT ? ErrorType.OVERLOADED : ErrorType.API;
    }

    /** The error's message, with OpenRouter's provider name when it gives one. */
    static String describe(UpstreamError error) {
        String message = error.message() == null ? "" : error.message();
        Object provider = error.metadata() == null ? null : error.metadata().get("provider_name");
        return provider == null ? message : message + " (provider: " + provider + ")";
    }

    /** The text of an error for a message: masked and shortened. */
    static String clean(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String masked = SECRET.matcher(text.strip()).replaceAll(match ->
                match.group(1) != null ? match.group(1) + "[redacted]" : "[redacted]");
        return masked.length() > MAX_DETAIL ? masked.substring(0, MAX_DETAIL) + "..." : masked;
    }

    private AnthropicException exception(ErrorType type, String what, String detail, UpstreamError error) {
        String cleaned = clean(detail);
        String message = cleaned.isEmpty() ? what : what + ": " + cleaned;
        boolean contextLength = CONTEXT_LENGTH.matcher(cleaned).find()
                || error != null && error.code() != null && CONTEXT_LENGTH.matcher(String.valueOf(error.code())).find();
        if (contextLength && (type == ErrorType.INVALID_REQUEST || type == ErrorType.REQUEST_TOO_LARGE)) {
            return AnthropicException.of(ErrorType.INVALID_REQUEST, "prompt is too long: " + message);
        }
        return AnthropicException.of(type, message);
    }

    private static ErrorType typeFromName(UpstreamError error) {
        String name = error == null ? "" : (error.type() + " " + error.code()).toLowerCase(Locale.ROOT);
        if (name.contains("overloaded") || name.contains("capacity") || name.contains("unavailable")) {
            return ErrorType.OVERLOADED;
        }
        if (name.contains("rate_limit") || name.contains("quota")) {
            return ErrorType.RATE_LIMIT;
        }
        if (name.contains("invalid_request") || name.contains("bad_request")) {
            return ErrorType.INVALID_REQUEST;
        }
        if (name.contains("authentication") || name.contains("invalid_api_key")) {
            return ErrorType.AUTHENTICATION;
        }
        if (name.contains("not_found")) {
            return ErrorType.NOT_FOUND;
        }
        return ErrorType.API;
    }

    private UpstreamError parse(String text) {
        JsonNode tree = text.isEmpty() ? null : json.readTreeOrNull(text);
        if (tree == null || !tree.isObject()) {
            return null;
        }
        JsonNode error = tree.get("error");
        if (error != null && (error.isObject() || error.isTextual())) {
            return json.mapper().convertValue(error, UpstreamError.class);
        }
        if (tree.hasNonNull("message")) {
            return json.mapper().convertValue(tree, UpstreamError.class);
        }
        JsonNode detail = tree.get("detail");
        if (detail != null) {
            return UpstreamError.of(detail.isTextual() ? detail.textValue() : detail.toString());
        }
        return null;
    }
}
