package dev.anyclaude.api;

import dev.anyclaude.api.model.MessagesRequest;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * One client request on its way to a backend: {@code /v1/messages}, {@code /v1/messages/count_tokens} or
 * {@code /v1/models}.
 *
 * <p>The body is parsed into records only when someone asks for {@link #request()}: a passthrough backend that
 * forwards {@link #rawBody()} never pays for the parse. A call is immutable; a middleware that changes the
 * request passes {@link #withRequest(MessagesRequest)} on, which drops the raw body so nobody forwards stale
 * bytes.
 *
 * <p>Thread-safe; the lazy parse happens at most once.
 */
public interface Call {

    /** The request id anyclaude gave this call ({@code req_...}), for logs and the {@code request-id} header. */
    String id();

    /** The name of the backend entry (from config) that serves this call. */
    String backend();

    /** The model name to ask the backend for, as the client sent it unless routing or a middleware changed it. */
    String model();

    /** True when the client asked for an SSE stream. */
    boolean streaming();

    /**
     * The client's request headers (case-insensitive). A backend decides what to forward: secrets such as
     * {@code x-api-key} are here and must never be logged or sent to a backend that should not see them.
     */
    HttpHeaders headers();

    /** The client's query string without the {@code ?} (Claude Code sends {@code beta=true}); empty if none. */
    String query();

    /**
     * The body as records, parsed on first use.
     *
     * @throws AnthropicException 400 {@code invalid_request_error} when the body does not fit the Messages API
     *                            (the message names the field)
     */
    MessagesRequest request();

    /** The client's exact body bytes while the request is unchanged; empty once a middleware changed it. */
    Optional<byte[]> rawBody();

    /** A copy of this call with another request; the copy has no raw body. */
    Call withRequest(MessagesRequest request);
}
