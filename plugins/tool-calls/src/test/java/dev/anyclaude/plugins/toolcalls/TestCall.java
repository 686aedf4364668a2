package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.Call;
import dev.anyclaude.api.model.MessagesRequest;
import java.net.http.HttpHeaders;
import java.util.Map;
import java.util.Optional;

/** A streaming call to backend {@code local} with a parsed request and no headers, for the tests of this plugin. */
record TestCall(MessagesRequest request) implements Call {
    @Override
    public String id() {
        return "req_1";
    }

    @Override
    public String backend() {
        return "local";
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
    public HttpHeaders headers() {
        return HttpHeaders.of(Map.of(), (name, value) -> true);
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
    public Call withRequest(MessagesRequest other) {
        return new TestCall(other);
    }
}
