package dev.anyclaude.plugins.mlx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.api.http.UpstreamRequest;
import dev.anyclaude.api.model.Content;
import dev.anyclaude.api.model.InputMessage;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.relay.AnswerTranslator;
import dev.anyclaude.api.relay.Relay;
import dev.anyclaude.testkit.StubCall;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The mlx backend on the fast path: the request its messages() sends, and no fast path while the server is down. */
class MlxRelayTest {
    private final StandIn standIn = new StandIn();
    private final List<UpstreamRequest> sent = new ArrayList<>();
    /** Records what messages() sends, then refuses it as a server that is not there. */
    private final UpstreamClient recording = request -> {
        sent.add(request);
        throw new IOException("Connection refused");
    };
    private MlxBackend backend;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.close();
        }
        standIn.pids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void theFastPathSendsWhatMessagesSendsSamplingDefaultsAndMlxFieldsIncluded() {
        MlxConfig config = new MlxConfig(StandIn.freePort(), null, null, "mlx-community/Test-4bit", null, null, null,
                false, null, 42, 0.7, null, 20, 0.05, 1.1, 64, 7L);
        MlxBackend mlx = backend(config);

        assertThatThrownBy(() -> mlx.messages(call())).isInstanceOf(AnthropicException.class);
        UpstreamRequest relayed = ((Relay.Translated) mlx.relay(call()).orElseThrow()).request();

        assertThat(relayed.body()).isEqualTo(sent.getFirst().body());
        assertThat(relayed.headers()).isEqualTo(sent.getFirst().headers());
        assertThat(relayed.uri()).isEqualTo(sent.getFirst().uri());
        assertThat(relayed.timeout()).isEqualTo(sent.getFirst().timeout()).isEqualTo(Duration.ofSeconds(42));
        assertThat(new String(relayed.body(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"repetition_penalty\":1.1", "\"repetition_context_size\":64", "\"min_p\":0.05",
                        "\"seed\":7", "\"temperature\":0.7", "\"top_k\":20", "\"model\":\"mlx-community/Test-4bit\"");
    }

    @Test
    void whileTheLaunchedServerIsDownTheFastPathStepsAsideForMessagesAndItsOverloadedError() {
        MlxBackend mlx = backend(standIn.config(StandIn.freePort(), 20));
        mlx.start();
        AnswerTranslator.Factory answers = ((Relay.Translated) mlx.relay(call()).orElseThrow()).translator();
        AnswerTranslator errorStatus = answers.start(500, HttpHeaders.of(Map.of(), (n, v) -> true));
        AnswerTranslator emptyStream = answers.start(200, HttpHeaders.of(
                Map.of("content-type", List.of("text/event-stream")), (n, v) -> true));

        mlx.close();

        // As in messages(): what it reads whole is rechecked against the server's state, a stream's failure is not.
        assertThatThrownBy(errorStatus::end).isInstanceOfSatisfying(AnthropicException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.OVERLOADED));
        assertThatThrownBy(emptyStream::end).isInstanceOfSatisfying(AnthropicException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.API));

        assertThat(mlx.relay(call())).isEmpty();
        assertThatThrownBy(() -> mlx.messages(call())).isInstanceOfSatisfying(AnthropicException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.OVERLOADED));
    }

    @Test
    void aCompletionThatIsNotJsonWhileTheServerWentDownIsTheOverloadedErrorOnBothPaths() {
        // A non-streaming request's answer is read whole by messages() whatever its label (mistral.rs's text/plain),
        // so its failure is rechecked there; the fast path must recheck it too.
        HttpHeaders html = HttpHeaders.of(Map.of("content-type", List.of("text/html")), (n, v) -> true);
        byte[] page = "<html>Bad Gateway</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        UpstreamClient dying = request -> {
            backend.close(); // the server goes down while it answers
            return new dev.anyclaude.api.http.UpstreamResponse() {
                @Override
                public int status() {
                    return 200;
                }

                @Override
                public HttpHeaders headers() {
                    return html;
                }

                @Override
                public java.io.InputStream body() {
                    return new java.io.ByteArrayInputStream(page);
                }

                @Override
                public void close() {
                }
            };
        };
        MlxBackend blocking = backend(standIn.config(StandIn.freePort(), 20), dying);
        blocking.start();
        assertThatThrownBy(() -> blocking.messages(call())).isInstanceOfSatisfying(AnthropicException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.OVERLOADED));

        MlxBackend fast = backend(standIn.config(StandIn.freePort(), 20));
        fast.start();
        AnswerTranslator answer = ((Relay.Translated) fast.relay(call()).orElseThrow()).translator().start(200, html);
        answer.accept(java.nio.ByteBuffer.wrap(page));
        fast.close();

        assertThatThrownBy(answer::end).isInstanceOfSatisfying(AnthropicException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.OVERLOADED));
    }

    private MlxBackend backend(MlxConfig config) {
        return backend(config, recording);
    }

    private MlxBackend backend(MlxConfig config, UpstreamClient http) {
        ServerProbe probe = new ServerProbe(config.baseUrl(), config.port(), config.model());
        ServerSupervisor supervisor = new ServerSupervisor("mac", new ServerLauncher("mac", config,
                new ServerLog(standIn.dir.resolve("mlx-lm-server.log")), probe), Duration.ofMillis(100),
                Duration.ofSeconds(1));
        backend = new MlxBackend("mac", config, MlxBackendFactory.openAi("mac", config, http), probe, supervisor);
        return backend;
    }

    private static Call call() {
        return StubCall.of("req_1", "mac", MessagesRequest.of("claude-sonnet-4-5", 100,
                List.of(new InputMessage("user", Content.of("hi")))));
    }
}
