package dev.anyclaude.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One request as it reached a {@link MockServer}, body read to the end.
 *
 * <p>Immutable and thread-safe. {@link #body()} returns a copy; {@link #bodyUtf8()} decodes it as UTF-8
 * (malformed bytes become U+FFFD).
 *
 * @param method      the HTTP method, e.g. {@code POST}
 * @param path        the percent-decoded path without query, e.g. {@code /v1/messages}
 * @param queryString the raw query string without {@code ?}; empty when there is none, e.g. {@code beta=true}
 * @param headers     every header line received, repeated names kept (values of one name in arrival order; the
 *                    order across different names is not preserved), case-insensitive lookup
 * @param body        the exact body bytes (empty for a bodiless request)
 */
public record RecordedRequest(String method, String path, String queryString, HeaderFields headers, byte[] body) {

    /** Copies {@code body}; every argument must be non-null. */
    public RecordedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(queryString, "queryString");
        Objects.requireNonNull(headers, "headers");
        body = body.clone();
    }

    /** A copy of the body bytes. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyUtf8() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The request target as sent: path plus {@code ?query} when there is one. */
    public String target() {
        return queryString.isEmpty() ? path : path + "?" + queryString;
    }

    /** Shorthand for {@code headers().first(name).orElse(null)}: the first value, or null when absent. */
    public String header(String name) {
        return headers.first(name).orElse(null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedRequest r
                && method.equals(r.method) && path.equals(r.path) && queryString.equals(r.queryString)
                && headers.equals(r.headers) && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, path, queryString, headers, Arrays.hashCode(body));
    }

    /** Method, target and body size; header values are left out on purpose (they may hold API keys). */
    @Override
    public String toString() {
        return "RecordedRequest[" + method + " " + target() + ", " + headers.size() + " headers, "
                + body.length + " body bytes]";
    }
}
