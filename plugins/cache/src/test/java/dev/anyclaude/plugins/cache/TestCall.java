package dev.anyclaude.plugins.cache;

import dev.anyclaude.api.Call;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.core.json.ProtocolJson;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A call with a raw body and headers, as the proxy hands one to a middleware. */
record TestCall(String backend, String model, boolean streaming, Map<String, List<String>> headerMap, byte[] body,
                MessagesRequest changed) implements Call {
    static final ProtocolJson JSON = new ProtocolJson();

    static TestCall of(String body, String... headerPairs) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], List.of(headerPairs[i + 1]));
        }
        MessagesRequest parsed = JSON.read(body.getBytes(StandardCharsets.UTF_8), MessagesRequest.class);
        return new TestCall("local", parsed.model(), parsed.isStreaming(), headers,
                body.getBytes(StandardCharsets.UTF_8), null);
    }

    TestCall withBackend(String other) {
        return new TestCall(other, model, streaming, headerMap, body, changed);
    }

    TestCall withModel(String other) {
        return new TestCall(backend, other, streaming, headerMap, body, changed);
    }

    @Override
    public String id() {
        return "req_test";
    }

    @Override
    public HttpHeaders headers() {
        return HttpHeaders.of(headerMap, (a, b) -> true);
    }

    @Override
    public String query() {
        return "";
    }

    @Override
    public MessagesRequest request() {
        return changed != null ? changed : JSON.read(body, MessagesRequest.class);
    }

    @Override
    public Optional<byte[]> rawBody() {
        return Optional.ofNullable(body);
    }

    @Override
    public Call withRequest(MessagesRequest request) {
        return new TestCall(backend, request.model(), request.isStreaming(), headerMap, null, request);
    }
}
