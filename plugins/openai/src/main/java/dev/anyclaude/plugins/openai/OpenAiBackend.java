package dev.anyclaude.plugins.openai;

import dev.anyclaude.api.Backend;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.TokenEstimate;
import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.api.http.UpstreamRequest;
import dev.anyclaude.api.http.UpstreamResponse;
import dev.anyclaude.api.model.ModelInfo;
import dev.anyclaude.api.relay.Relay;
import dev.anyclaude.plugins.openai.translate.RequestTranslator;
import dev.anyclaude.plugins.openai.translate.ResponseTranslator;
import dev.anyclaude.plugins.openai.translate.StreamTranslator;
import dev.anyclaude.plugins.openai.translate.Translation;
import dev.anyclaude.plugins.openai.translate.ErrorTranslator;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Any OpenAI Chat Completions server as a backend: the Messages request is translated once
 * ({@link RequestTranslator}) and asked for as a stream when the client streams, whose chunks are translated into
 * Anthropic events as they arrive ({@link StreamTranslator}); a non-streaming client's answer is one JSON
 * completion, translated into the same events ({@link ResponseTranslator}) and aggregated by the proxy. Either kind
 * of body is read whichever was asked for (servers differ). On the proxy's fast
 * path ({@link #relay}) the same request is sent by the proxy and the same answer translated as its bytes arrive.
 */
public final class OpenAiBackend implements Backend {
    private final String name;
    private final OpenAiConfig config;
    private final UpstreamClient http;
    private final Optional<String> apiKey;
    private final RequestTranslator translator;
    private final ErrorTranslator errors;
    private final OpenAiJson json;
    private final OpenAiAnswers answers;
    private final URI chatCompletions;

    /**
     * @param name    the backend's config name, for messages
     * @param config  its config block
     * @param setup   its translation options and codec
     * @param http    the shared upstream client
     * @param apiKey  the key to send, if any (from config or the environment)
     */
    public OpenAiBackend(String name, OpenAiConfig config, OpenAiSetup setup, UpstreamClient http,
                         Optional<String> apiKey) {
        this.name = name;
        this.config = config;
        this.http = http;
        this.apiKey = apiKey;
        this.json = setup.json();
        this.translator = new RequestTranslator(setup.options(), json);
        this.answers = new OpenAiAnswers(name, config.baseUrl(), setup);
        this.errors = answers.errors();
        this.chatCompletions = endpoint("/chat/completions");
    }

    @Override
    public Reply messages(Call call) {
        Prepared prepared = prepare(call);
        UpstreamResponse response = send(prepared.request());
        StreamTranslator answer = answers.translator(call.model(), prepared.translation());
        try {
            if (response.status() >= 400) {
                throw errors.fromHttp(response.status(), readBounded(response.body()),
                        response.headers().firstValue("retry-after").orElse(null));
            }
            if (OpenAiAnswers.isJson(response.headers(), OpenAiAnswers.asksStream(prepared.translation()))) {
                byte[] whole = response.body().readAllBytes();
                response.close();
                return Reply.events(EventStream.of(ResponseTranslator.translate(json.readResponse(whole), answer)));
            }
            return Reply.events(new OpenAiEventStream(response, answer, json));
        } catch (IOException e) {
            response.close();
            throw answers.unreachable(e);
        } catch (IllegalArgumentException e) {
            response.close();
            throw answers.notJson(e);
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
    }

    /**
     * The fast path: the request {@link #messages} sends, and its answer translated as its bytes arrive
     * ({@link SseAnswer}, {@link JsonAnswer}, {@link ErrorAnswer}) with the same events and errors.
     */
    @Override
    public Optional<Relay> relay(Call call) {
        Prepared prepared = prepare(call);
        return Optional.of(new Relay.Translated(prepared.request(),
                answers.factory(call.model(), prepared.translation())));
    }

    /**
     * True when {@link #messages} reads the whole of an answer with this status and these headers before it returns
     * (an error status, or one JSON completion), so that its failures are thrown by {@code messages} itself rather
     * than by its event stream: for a backend that wraps this one and rewords those failures, on both paths.
     *
     * @param askedStream whether the request asked its server for a stream (the client's {@code stream}, or the
     *                    {@code alwaysStream} option): the answer to one that did not is read whole whatever its
     *                    label, unless it says {@code text/event-stream}
     */
    public static boolean answersAtOnce(int status, java.net.http.HttpHeaders headers, boolean askedStream) {
        return status >= 400 || OpenAiAnswers.isJson(headers, askedStream);
    }

    /** The translated request and the upstream request that carries it: the same on both paths. */
    private record Prepared(Translation translation, UpstreamRequest request) {
    }

    private Prepared prepare(Call call) {
        String upstreamModel = config.model() != null ? config.model() : call.model();
        Translation translation = translator.translate(call.request().withModel(upstreamModel));
        byte[] body = json.writeRequest(translation.request(), config.extraBody());
        return new Prepared(translation, authorised(UpstreamRequest.post(chatCompletions, body)
                .withHeader("content-type", "application/json")
                .withHeader("accept", OpenAiAnswers.asksStream(translation) ? "text/event-stream" : "application/json")
                .withTimeout(config.timeout())));
    }

    @Override
    public Reply countTokens(Call call) {
        return Reply.json(TokenEstimate.of(call.request()));
    }

    /** The server's {@code /models}, as Anthropic model entries; the configured model alone if it has none. */
    @Override
    public Reply models(Call call) {
        List<ModelInfo> models = new ArrayList<>();
        try (UpstreamResponse response = send(authorised(UpstreamRequest.get(endpoint("/models"))
                .withTimeout(java.time.Duration.ofSeconds(30))))) {
            if (response.status() >= 400) {
                throw errors.fromHttp(response.status(), readBounded(response.body()),
                        response.headers().firstValue("retry-after").orElse(null));
            }
            JsonNode data = json.mapper().readTree(response.body()).path("data");
            for (JsonNode model : data) {
                String id = model.path("id").asText("");
                if (!id.isEmpty()) {
                    String created = model.path("created").canConvertToLong() && model.path("created").asLong() > 0
                            ? Instant.ofEpochSecond(model.path("created").asLong()).toString() : null;
                    models.add(new ModelInfo(id, id, created));
                }
            }
        } catch (IOException e) {
            throw answers.unreachable(e);
        }
        if (models.isEmpty() && config.model() != null) {
            models.add(new ModelInfo(config.model(), config.model(), null));
        }
        return Reply.json(TokenEstimate.modelList(models));
    }

    /** Asks the server's {@code /models}: it answers, it knows the key, and it has models. */
    @Override
    public dev.anyclaude.api.Health probe() {
        try (UpstreamResponse response = http.send(authorised(UpstreamRequest.get(endpoint("/models"))
                .withTimeout(java.time.Duration.ofSeconds(10))))) {
            int status = response.status();
            if (status == 401 || status == 403) {
                return dev.anyclaude.api.Health.down(config.baseUrl() + " refused the key (HTTP " + status
                        + "): set apiKey or apiKeyEnv in backends." + name);
            }
            if (status >= 400) {
                return dev.anyclaude.api.Health.down(config.baseUrl() + "/models answered HTTP " + status);
            }
            return new dev.anyclaude.api.Health(dev.anyclaude.api.Health.Status.UP, config.baseUrl() + " answers");
        } catch (IOException e) {
            return dev.anyclaude.api.Health.down("nothing answers at " + config.baseUrl() + " (" + e.getMessage()
                    + "): start the server, or fix baseUrl in backends." + name);
        }
    }

    private UpstreamRequest authorised(UpstreamRequest request) {
        UpstreamRequest out = request;
        if (apiKey.isPresent()) {
            out = out.withHeader("authorization", "Bearer " + apiKey.get());
        }
        for (var header : config.headers().entrySet()) {
            out = out.withHeader(header.getKey(), header.getValue());
        }
        return out;
    }

    private UpstreamResponse send(UpstreamRequest request) {
        try {
            return http.send(request);
        } catch (IOException e) {
            throw answers.unreachable(e);
        }
    }

    private URI endpoint(String path) {
        return URI.create(config.baseUrl() + path);
    }

    private static byte[] readBounded(InputStream body) throws IOException {
        return body.readNBytes(OpenAiAnswers.MAX_ERROR_BODY);
    }
}
