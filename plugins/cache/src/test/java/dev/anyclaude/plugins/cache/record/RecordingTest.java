package dev.anyclaude.plugins.cache.record;

import static dev.anyclaude.plugins.cache.record.Exchanges.MAPPER;
import static dev.anyclaude.plugins.cache.record.Exchanges.body;
import static dev.anyclaude.plugins.cache.record.Exchanges.call;
import static dev.anyclaude.plugins.cache.record.Exchanges.drain;
import static dev.anyclaude.plugins.cache.record.Exchanges.raw;
import static dev.anyclaude.plugins.cache.record.Exchanges.recorder;
import static dev.anyclaude.plugins.cache.record.Exchanges.run;
import static dev.anyclaude.plugins.cache.record.Exchanges.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.StreamEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingTest {
    @TempDir
    Path dir;

    @Test
    void eachExchangeIsAPrettyFileNamedInSessionOrderAndListedInTheIndex() throws Exception {
        RecordingMiddleware recorder = recorder(dir);
        String streamed = drain(run(recorder, call(body(true, "Hi")), call -> raw(200, "text/event-stream", sse("Hello"))));
        Reply json = run(recorder, call(body(false, "Hi", "Hello", "Bye")),
                call -> raw(200, "application/json", "{\"type\":\"message\",\"content\":[]}"));
        drain(json);
        recorder.close();

        assertThat(streamed).isEqualTo(sse("Hello"));
        JsonNode index = MAPPER.readTree(dir.resolve("index.json").toFile());
        assertThat(index.path("format").asText()).isEqualTo("anyclaude.recording.v1");
        assertThat(index.path("exchanges").findValuesAsText("file"))
                .containsExactly("0001-claude-sonnet-4-5.json", "0002-claude-sonnet-4-5.json");
        String first = Files.readString(dir.resolve("0001-claude-sonnet-4-5.json"));
        assertThat(first).contains("\n  \"request\" : {").contains("\"event\" : \"content_block_delta\"");
        JsonNode exchange = MAPPER.readTree(first);
        assertThat(exchange.path("request").path("body").path("tools")).hasToString("[\"Write\"]");
        assertThat(exchange.path("request").path("body").has("metadata")).isFalse();
        assertThat(exchange.path("answer").path("events")).hasSize(6);
        assertThat(exchange.path("answer").path("events").get(2).path("data").path("delta").path("text").asText())
                .isEqualTo("Hello");
        JsonNode second = MAPPER.readTree(dir.resolve("0002-claude-sonnet-4-5.json").toFile());
        assertThat(second.path("answer").path("body").path("type").asText()).isEqualTo("message");
        assertThat(second.path("request").path("body").path("messages")).hasSize(3);
    }

    @Test
    void credentialsAndKeysNeverReachTheRecording() throws Exception {
        RecordingMiddleware recorder = recorder(dir);
        String secretInText = "sk-proj-4bcdefghijklmnopqrstuvwxyz";
        drain(run(recorder, call(body(true, "my key is " + secretInText), "x-api-key", "sk-ant-api03-client-secret-1",
                        "authorization", "Bearer client-token-1bcdefghij", "anthropic-version", "2023-06-01"),
                call -> raw(200, "text/event-stream", sse("noted " + secretInText))));
        recorder.close();

        String recorded;
        try (Stream<Path> files = Files.list(dir)) {
            recorded = String.join("\n", files.map(path -> {
                try {
                    return Files.readString(path);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList());
        }
        assertThat(recorded).doesNotContain("client-secret-1").doesNotContain("client-token")
                .doesNotContain("4bcdefghijklmnopqrstuvwxyz").contains("sk-pro***masked***")
                .contains("\"anthropic-version\" : \"2023-06-01\"");
    }

    @Test
    void proseThatMerelyLooksLikeAKeyIsKeptAsItIs() {
        String prose = "a task-management-tool, bearer tokens, risk-assessment-report-2024 and Bearer of news";

        assertThat(Secrets.mask(prose)).isEqualTo(prose);
        assertThat(Secrets.mask("key=sk-ant-api03-Zx9_abcdefghijkl end")).isEqualTo("key=sk-ant***masked*** end");
        assertThat(Secrets.mask("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload"))
                .isEqualTo("Authorization: Bearer***masked***");
    }

    @Test
    void aStreamThatFailsMidwayIsRecordedWithItsErrorFrameAsIncomplete() throws Exception {
        RecordingMiddleware recorder = recorder(dir);
        Reply reply = run(recorder, call(body(true, "Hi")), call -> Reply.events(new EventStream() {
            private int sent;

            @Override
            public StreamEvent next() {
                if (sent++ == 0) {
                    return new StreamEvent.Ping();
                }
                throw AnthropicException.of(ErrorType.OVERLOADED, "upstream went away");
            }

            @Override
            public void close() {
            }
        }));
        EventStream events = ((Reply.Events) reply).events();
        assertThat(events.next()).isInstanceOf(StreamEvent.Ping.class);
        assertThatThrownBy(events::next).isInstanceOf(AnthropicException.class);
        recorder.close();

        JsonNode answer = MAPPER.readTree(dir.resolve("0001-claude-sonnet-4-5.json").toFile()).path("answer");
        assertThat(answer.path("complete").asBoolean()).isFalse();
        assertThat(answer.path("events").findValuesAsText("event")).containsExactly("ping", "error");
        assertThat(answer.path("events").get(1).path("data").path("error").path("type").asText())
                .isEqualTo("overloaded_error");
    }

    @Test
    void aBackendErrorBeforeAnyByteIsRecordedAsTheClientSawIt() throws Exception {
        RecordingMiddleware recorder = recorder(dir);
        assertThatThrownBy(() -> run(recorder, call(body(false, "Hi")), call -> {
            throw AnthropicException.of(ErrorType.API, "backend 'local' is unreachable");
        })).isInstanceOf(AnthropicException.class);
        recorder.close();

        JsonNode answer = MAPPER.readTree(dir.resolve("0001-claude-sonnet-4-5.json").toFile()).path("answer");
        assertThat(answer.path("status").asInt()).isEqualTo(500);
        assertThat(answer.path("body").path("error").path("message").asText()).isEqualTo("backend 'local' is unreachable");
    }

    @Test
    void recordingAgainReplacesARecordingMadeBeforeThisProcessAndNothingElse() throws Exception {
        RecordingMiddleware first = recorder(dir);
        for (String turn : List.of("one", "two")) {
            drain(run(first, call(body(true, turn)), call -> raw(200, "text/event-stream", sse(turn))));
        }
        first.close();
        Files.writeString(dir.resolve("README.md"), "kept");
        Files.setLastModifiedTime(dir.resolve("index.json"), FileTime.fromMillis(0)); // as if an earlier run wrote it

        RecordingMiddleware second = recorder(dir);
        drain(run(second, call(body(true, "three")), call -> raw(200, "text/event-stream", sse("3"))));
        second.close();

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("index.json", "0001-claude-sonnet-4-5.json", "README.md");
        }
        assertThat(MAPPER.readTree(dir.resolve("index.json").toFile()).path("exchanges")).hasSize(1);
    }

    @Test
    void anIndexThatNamesAFileOutsideTheRecordingIsRefused() throws Exception {
        Files.writeString(dir.resolve("index.json"), "{\"format\":\"anyclaude.recording.v1\",\"exchanges\":"
                + "[{\"exchange\":1,\"file\":\"../../etc/passwd\"}]}");

        assertThatThrownBy(() -> Recording.load(dir, MAPPER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../../etc/passwd");
    }
}
