package dev.anyclaude.core.server;

import dev.anyclaude.api.Call;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.model.MessagesRequest;
import java.net.http.HttpHeaders;
import java.util.Objects;
import java.util.Optional;

/**
 * The core's {@link Call}: the client's bytes, parsed into records only when a plugin asks for them.
 */
final class IncomingCall implements Call {
    private final String id;
    private final String backend;
    private final String model;
    private final boolean streaming;
    private final HttpHeaders headers;
    private final String query;
    private final byte[] rawBody;
    private final JsonCodec json;
    private volatile MessagesRequest request;

    IncomingCall(String id, String backend, String model, boolean streaming, HttpHeaders headers, String query,
                 byte[] rawBody, MessagesRequest request, JsonCodec json) {
        this.id = Objects.requireNonNull(id);
        this.backend = Objects.requireNonNull(backend);
        this.model = Objects.requireNonNull(model);
        this.streaming = streaming;
        this.headers = Objects.requireNonNull(headers);
        this.query = query == null ? "" : query;
        this.rawBody = rawBody;
        this.request = request;
        this.json = json;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String backend() {
        return backend;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public boolean streaming() {
        return streaming;
    }

    @Override
    public HttpHeaders headers() {
        return headers;
    }

    @Override
    public String query() {
        return query;
    }

    @Override
    public MessagesRequest request() {
        MessagesRequest parsed = request;
        if (parsed == null) {
            synchronized (this) {
                parsed = request;
                if (parsed == null) {
                    parsed = rawBody == null
                            ? MessagesRequest.of(model, 0, java.util.List.of())
                            : json.read(rawBody, MessagesRequest.class);
                    request = parsed;
                }
            }
        }
        return parsed;
    }

    @Override
    public Optional<byte[]> rawBody() {
        return Optional.ofNullable(rawBody);
    }

    @Override
    public Call withRequest(MessagesRequest newRequest) {
        Objects.requireNonNull(newRequest, "request");
        return new IncomingCall(id, backend, newRequest.model(), newRequest.isStreaming(), headers, query, null,
                newRequest, json);
    }

    /** The same call, now routed to this backend and model; the raw body stays if the model is unchanged. */
    IncomingCall routedTo(String newBackend, String newModel) {
        if (newModel.equals(model)) {
            return new IncomingCall(id, newBackend, model, streaming, headers, query, rawBody, request, json);
        }
        MessagesRequest changed = request().withModel(newModel);
        return new IncomingCall(id, newBackend, newModel, streaming, headers, query, null, changed, json);
    }
}
