package dev.anyclaude.api.http;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request to an upstream server. Immutable; {@link #withHeader} makes a copy.
 *
 * @param method  {@code GET} or {@code POST}
 * @param uri     absolute {@code http} or {@code https} URI
 * @param headers header name/value pairs in order (a name may repeat); {@code host}, {@code content-length} and
 *                {@code connection} are set by the client
 * @param body    the body bytes; empty for GET
 * @param timeout     how long to wait for the status line and headers
 * @param idleTimeout how long the body may go silent before the read fails with
 *                    {@link java.net.SocketTimeoutException} (a stalled upstream must never hang a client)
 */
public record UpstreamRequest(String method, URI uri, List<Map.Entry<String, String>> headers, byte[] body,
                              Duration timeout, Duration idleTimeout) {

    /** The wait for response headers when none is given: local models can think for minutes before answering. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    /** The longest silence in a body when none is given: servers send keep-alives far more often than this. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

    public UpstreamRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        idleTimeout = idleTimeout == null ? DEFAULT_IDLE_TIMEOUT : idleTimeout;
    }

    /** A request with the default idle timeout. */
    public UpstreamRequest(String method, URI uri, List<Map.Entry<String, String>> headers, byte[] body,
                           Duration timeout) {
        this(method, uri, headers, body, timeout, DEFAULT_IDLE_TIMEOUT);
    }

    /** A POST with a body and no headers yet. */
    public static UpstreamRequest post(URI uri, byte[] body) {
        return new UpstreamRequest("POST", uri, List.of(), body, DEFAULT_TIMEOUT);
    }

    /** A GET with no headers yet. */
    public static UpstreamRequest get(URI uri) {
        return new UpstreamRequest("GET", uri, List.of(), new byte[0], DEFAULT_TIMEOUT);
    }

    /** A copy with one more header. */
    public UpstreamRequest withHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new UpstreamRequest(method, uri, more, body, timeout, idleTimeout);
    }

    /** A copy with another header timeout. */
    public UpstreamRequest withTimeout(Duration newTimeout) {
        return new UpstreamRequest(method, uri, headers, body, newTimeout, idleTimeout);
    }

    /** A copy with another idle timeout for the body. */
    public UpstreamRequest withIdleTimeout(Duration newIdleTimeout) {
        return new UpstreamRequest(method, uri, headers, body, timeout, newIdleTimeout);
    }

    /** Hides header values, which may be secrets. */
    @Override
    public String toString() {
        return method + " " + uri + " (" + headers.size() + " headers, " + body.length + " bytes)";
    }
}
