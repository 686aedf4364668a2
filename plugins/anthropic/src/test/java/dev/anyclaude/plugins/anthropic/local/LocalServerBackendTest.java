package dev.anyclaude.plugins.anthropic.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Backend;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.core.json.ProtocolJson;
import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** API detection and its cache, and the start hint, with stand-in backends (no I/O). */
class LocalServerBackendTest {
    private static final LocalServer SERVER = new LocalServer("ollama", "http://127.0.0.1:11434",
            "Start it with `ollama serve`.");
    private final List<String> calls = new ArrayList<>();

    private static Reply.Raw raw(int status, String type, String body) {
        return new Reply.Raw(status, HttpHeaders.of(Map.of("content-type", List.of(type)), (a, b) -> true),
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private Backend recording(String name, Reply reply) {
        return call -> {
            calls.add(name);
            return reply;
        };
    }

    private LocalServerBackend backend(LocalApi api, Backend anthropic, Backend openAi) {
        return new LocalServerBackend(SERVER, api, anthropic, openAi, call -> Reply.json(Map.of()), new ProtocolJson());
    }

    @Test
    void aMissingNativeEndpointSwitchesToOpenAiForThisAndEveryLaterCall() {
        LocalServerBackend backend = backend(LocalApi.AUTO,
                call -> {
                    calls.add("anthropic");
                    return raw(404, "text/plain", "404 page not found");
                },
                recording("openai", Reply.json(Map.of("ok", true))));

        backend.messages(new StubCall());
        backend.messages(new StubCall());

        assertThat(calls).containsExactly("anthropic", "openai", "openai");
        assertThat(backend.api()).isEqualTo(LocalApi.OPENAI);
        assertThat(backend.health().detail()).isEqualTo("api: openai");
    }

    @Test
    void anyRealAnswerDecidesForTheNativeEndpoint() {
        LocalServerBackend backend = backend(LocalApi.AUTO, call -> {
            calls.add("anthropic");
            return raw(500, "application/json", "{\"type\":\"error\"}");
        }, recording("openai", Reply.json(Map.of())));

        backend.messages(new StubCall());
        backend.messages(new StubCall());

        assertThat(calls).containsExactly("anthropic", "anthropic");
        assertThat(backend.api()).isEqualTo(LocalApi.ANTHROPIC);
    }

    @Test
    void nothingListeningDecidesNothingAndTheErrorSaysHowToStartTheServer() {
        LocalServerBackend backend = backend(LocalApi.AUTO, call -> {
            throw new AnthropicException(ErrorType.API, 502, "unreachable", new ConnectException("refused"));
        }, recording("openai", Reply.json(Map.of())));

        assertThatThrownBy(() -> backend.messages(new StubCall()))
                .isInstanceOf(AnthropicException.class)
                .hasMessageContaining("nothing answers at http://127.0.0.1:11434")
                .hasMessageContaining("ollama serve");
        assertThat(backend.api()).isEqualTo(LocalApi.AUTO);
        assertThat(calls).isEmpty();
    }

    @Test
    void otherErrorsPassUnchanged() {
        AnthropicException badRequest = AnthropicException.invalidRequest("bad");
        LocalServerBackend backend = backend(LocalApi.ANTHROPIC, call -> {
            throw badRequest;
        }, recording("openai", Reply.json(Map.of())));

        assertThatThrownBy(() -> backend.messages(new StubCall())).isSameAs(badRequest);
    }

    /** The least of a call: the backends here never look at it. */
    private static final class StubCall implements Call {
        @Override public String id() { return "req_1"; }
        @Override public String backend() { return "ollama"; }
        @Override public String model() { return "m"; }
        @Override public boolean streaming() { return false; }
        @Override public HttpHeaders headers() { return HttpHeaders.of(Map.of(), (a, b) -> true); }
        @Override public String query() { return ""; }
        @Override public MessagesRequest request() { return MessagesRequest.of("m", 16, List.of()); }
        @Override public Optional<byte[]> rawBody() { return Optional.empty(); }
        @Override public Call withRequest(MessagesRequest request) { return this; }
    }
}
