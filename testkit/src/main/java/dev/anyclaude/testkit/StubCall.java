package dev.anyclaude.testkit;

import dev.anyclaude.api.Call;
import dev.anyclaude.api.model.MessagesRequest;
import java.net.http.HttpHeaders;
import java.util.Map;
import java.util.Optional;

/**
 * A streaming {@link Call} with a parsed request, and the client's bytes beside it or none, as a plugin's tests and
 * the JMH benchmarks hand one to a backend's relay, a translator, a stage or a middleware; {@link #withRequest} keeps
 * the id, backend and headers and, as the proxy does for a changed request, drops the bytes.
 *
 * @param id      the call's id
 * @param backend the backend's config name
 * @param request the request
 * @param headers the client's headers
 * @param raw     the bytes the client sent ({@code request} read from them), or null; not copied
 */
public record StubCall(String id, String backend, MessagesRequest request, HttpHeaders headers, byte[] raw)
        implements Call {
    private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (name, value) -> true);

    /** A call without a raw body. */
    public StubCall(String id, String backend, MessagesRequest request, HttpHeaders headers) {
        this(id, backend, request, headers, null);
    }

    /** A call without headers. */
    public static StubCall of(String id, String backend, MessagesRequest request) {
        return new StubCall(id, backend, request, NONE);
    }

    @Override
    public String model() {
        return request.model();
    }

    @Override
    public boolean streaming() {
        return true;
    }

    @Override
    public String query() {
        return "";
    }

    @Override
    public Optional<byte[]> rawBody() {
        return Optional.ofNullable(raw);
    }

    @Override
    public Call withRequest(MessagesRequest changed) {
        return new StubCall(id, backend, changed, headers);
    }
}
