package dev.anyclaude.core.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * What both {@link dev.anyclaude.api.http.UpstreamClient}s agree on: which request headers the client sets itself,
 * how a target is named in messages ({@code scheme://host:port}, never the path, query or a header value) and how
 * failures before the response headers are reported.
 */
final class UpstreamSupport {

    /** Set by the client or hop-by-hop: never copied from the caller's headers. */
    private static final Set<String> MANAGED_HEADERS = Set.of(
            "host", "content-length", "connection", "transfer-encoding", "keep-alive", "proxy-connection", "te",
            "trailer", "upgrade", "expect");

    private UpstreamSupport() {
    }

    /** True for a header the client sets itself or that only concerns one connection. */
    static boolean isManaged(String name) {
        return MANAGED_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Rejects a header that would corrupt the request (a name that is no token, a value with CR, LF or NUL).
     * The message names the header, never its value.
     */
    static void requireValidHeader(String name, String value) {
        // Plain loops: this runs for every header of every request, and char streams allocate.
        if (name == null || name.isEmpty() || !isToken(name)) {
            throw new IllegalArgumentException("invalid header name: " + (name == null ? "null" : '"' + name + '"'));
        }
        if (value == null || !isFieldValue(value)) {
            throw new IllegalArgumentException("invalid value for header " + name);
        }
    }

    private static boolean isToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFieldValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                return false;
            }
        }
        return true;
    }

    /** Rejects anything but an absolute {@code http} or {@code https} URI with a host. */
    static void requireHttpUri(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) URI with a host: " + scheme + "://"
                    + uri.getHost());
        }
    }

    /** {@code scheme://host:port}, with the scheme's default port filled in. */
    static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + uri.getHost() + ":" + port;
    }

    /** The path and query to put on the request line: {@code /} when the URI has no path. */
    static String pathAndQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** The failure to report when the upstream failed before its response headers arrived. */
    static IOException failure(String method, URI uri, Throwable cause) {
        String message = method + " " + origin(uri) + " failed before the response headers: " + describe(cause);
        IOException failure = cause instanceof java.net.http.HttpConnectTimeoutException
                ? new java.net.http.HttpConnectTimeoutException(message)
                : cause instanceof HttpTimeoutException ? new HttpTimeoutException(message) : new IOException(message);
        failure.initCause(cause);
        return failure;
    }

    /** The failure to report when the response headers did not arrive in time. */
    static HttpTimeoutException timeout(String method, URI uri, Duration timeout) {
        return new HttpTimeoutException(
                method + " " + origin(uri) + ": no response headers within " + timeout.toMillis() + " ms");
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown cause";
        }
        String text = cause.getMessage();
        return text == null || text.isBlank()
                ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + text;
    }

    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
