package dev.anyclaude.core.reliability;

import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.api.http.UpstreamRequest;
import dev.anyclaude.api.http.UpstreamResponse;
import dev.anyclaude.core.http.ConnectTimeouts;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The upstream client one backend's plugin gets: the shared client with this backend's policy applied to every
 * request, whatever the plugin asked for. Connect and idle timeouts come from the policy; the wait for the headers
 * is the policy's {@code firstByteMs} (else the plugin's own), cut to what is left of {@code totalMs}. Headers the
 * policy does not allow are dropped, and so are the client's own credentials unless this backend is the
 * Anthropic passthrough: a client's Anthropic key never reaches a third party, even through a plugin's mistake.
 */
public final class BackendHttp implements UpstreamClient {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BackendHttp.class);

    private final String backend;
    private final BackendPolicy policy;
    private final UpstreamClient shared;

    public BackendHttp(String backend, BackendPolicy policy, UpstreamClient shared) {
        this.backend = backend;
        this.policy = policy;
        this.shared = shared;
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) throws IOException {
        CallScope scope = CallScope.current();
        LimitWords.HeaderWait wait = LimitWords.headerWait(policy, request.timeout(),
                scope == null ? Long.MAX_VALUE : scope.remainingNanos());
        if (scope != null) {
            scope.limitedBy(wait.limitedBy());
        }
        Duration firstByte = wait.duration();
        UpstreamRequest shaped = new UpstreamRequest(request.method(), request.uri(), allowed(request.headers(), scope),
                request.body(), firstByte, policy.idle());
        UpstreamResponse response = ConnectTimeouts.send(shared, shaped, policy.connect());
        if (scope != null) {
            scope.answered(response.headers().firstValue("retry-after").orElse(null));
        }
        return new IdleWorded(response);
    }

    /**
     * The response with its body's idle timeout worded as the proxy words it everywhere ("backend 'x' sent nothing
     * for 300 ms (timeouts.idleMs)"): the shared client does not know the backend, and a plugin that translates the
     * body (OpenAI) passes the words on to the client.
     */
    private final class IdleWorded implements UpstreamResponse {
        private final UpstreamResponse response;
        private final java.io.InputStream body;

        IdleWorded(UpstreamResponse response) {
            this.response = response;
            this.body = new java.io.FilterInputStream(response.body()) {
                @Override
                public int read() throws IOException {
                    try {
                        return in.read();
                    } catch (java.net.SocketTimeoutException e) {
                        throw idle(e);
                    }
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    try {
                        return in.read(buffer, offset, length);
                    } catch (java.net.SocketTimeoutException e) {
                        throw idle(e);
                    }
                }
            };
        }

        private java.net.SocketTimeoutException idle(java.net.SocketTimeoutException e) {
            java.net.SocketTimeoutException worded = new java.net.SocketTimeoutException(LimitWords.idle(backend, policy));
            worded.initCause(e);
            return worded;
        }

        @Override
        public int status() {
            return response.status();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return response.headers();
        }

        @Override
        public java.io.InputStream body() {
            return body;
        }

        @Override
        public void close() {
            response.close();
        }
    }

    private List<Map.Entry<String, String>> allowed(List<Map.Entry<String, String>> headers, CallScope scope) {
        return allowed(backend, policy, headers, scope == null ? value -> false : scope::isClientCredential);
    }

    /**
     * The headers that may leave for this backend: those the policy allows, without the client's own credentials
     * unless the policy lets them through (the Anthropic passthrough).
     */
    static List<Map.Entry<String, String>> allowed(String backend, BackendPolicy policy,
                                                   List<Map.Entry<String, String>> headers,
                                                   java.util.function.Predicate<String> isClientCredential) {
        if (policy.outboundHeaders().isEmpty() && policy.clientCredentials()) {
            return headers; // nothing to drop (the Anthropic passthrough without an allowlist)
        }
        List<Map.Entry<String, String>> out = new ArrayList<>(headers.size());
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (policy.outboundHeaders().isPresent() && !policy.outboundHeaders().get().contains(name)) {
                continue;
            }
            if (!policy.clientCredentials() && (name.equals("x-api-key") || name.equals("authorization"))
                    && isClientCredential.test(header.getValue())) {
                LOG.warn("backend '{}': dropped the client's own {} header; only the Anthropic passthrough may forward it",
                        backend, name);
                continue;
            }
            out.add(header);
        }
        return out;
    }
}
