package dev.anyclaude.testkit;

import dev.anyclaude.api.Call;
import dev.anyclaude.api.model.MessagesRequest;
import java.net.http.HttpHeaders;
import java.util.Map;
import java.util.Optional;

/**
 * A streaming {@link Call} with a parsed request and no raw body, as a plugin's tests and the JMH benchmarks hand one
 * to a backend's relay, a translator or a stage; {@link #withRequest} keeps the id, backend and headers.
 *
 * @param id      the call's id
 * @param backend the backend's config name
 * @param request the request
 * @param headers the client's headers
 */
public record StubCall(String id, String backend, MessagesRequest request, HttpHeaders headers) implements Call {
    private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (name, value) -> true);

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
        return Optional.empty();
    }

    @Override
    public Call withRequest(MessagesRequest changed) {
        return new StubCall(id, backend, changed, headers);
    }
}
