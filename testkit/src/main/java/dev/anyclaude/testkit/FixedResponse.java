package dev.anyclaude.testkit;

import java.util.Arrays;
import java.util.Objects;

/**
 * A complete answer: status, headers, and a body of known length. Made by {@link MockResponse#json} or
 * {@link MockResponse#raw}; immutable, "with" methods return copies.
 *
 * @param status  the HTTP status code
 * @param headers the response headers, written in this order (the server may add {@code content-length},
 *                {@code date} and {@code connection})
 * @param body    the body bytes, written unchanged
 */
public record FixedResponse(int status, HeaderFields headers, byte[] body) implements MockResponse {

    /**
     * Copies {@code body}.
     *
     * @throws NullPointerException if {@code headers} or {@code body} is null
     */
    public FixedResponse {
        Objects.requireNonNull(headers, "headers");
        body = body.clone();
    }

    /** A copy of the body bytes. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public byte[] bodyBytes() {
        return body.clone();
    }

    /** The body without a defensive copy, for the server's writer only. */
    byte[] bodyUnsafe() {
        return body;
    }

    /** A copy whose header {@code name} has exactly the one value {@code value} (any earlier values dropped). */
    public FixedResponse withHeader(String name, String value) {
        return new FixedResponse(status, headers.with(name, value), body);
    }

    /** A copy with one more {@code name: value} header line, earlier lines of that name kept. */
    public FixedResponse withAddedHeader(String name, String value) {
        return new FixedResponse(status, headers.plus(name, value), body);
    }

    /** A copy with another status code. */
    public FixedResponse withStatus(int newStatus) {
        return new FixedResponse(newStatus, headers, body);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FixedResponse r && status == r.status && headers.equals(r.headers)
                && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "FixedResponse[" + status + ", " + headers + ", " + body.length + " body bytes]";
    }
}
