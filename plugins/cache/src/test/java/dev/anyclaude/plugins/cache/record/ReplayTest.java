package dev.anyclaude.plugins.cache.record;

import static dev.anyclaude.plugins.cache.record.Exchanges.body;
import static dev.anyclaude.plugins.cache.record.Exchanges.call;
import static dev.anyclaude.plugins.cache.record.Exchanges.drain;
import static dev.anyclaude.plugins.cache.record.Exchanges.raw;
import static dev.anyclaude.plugins.cache.record.Exchanges.recorder;
import static dev.anyclaude.plugins.cache.record.Exchanges.replayer;
import static dev.anyclaude.plugins.cache.record.Exchanges.run;
import static dev.anyclaude.plugins.cache.record.Exchanges.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.StreamEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {
    private static final Function<Call, Reply> NO_BACKEND = call -> {
        throw new AssertionError("a replay contacted the backend");
    };

    @TempDir
    Path dir;

    @Test
    void aRecordedStreamIsReplayedByteForByteToAStreamingClientWithoutTheBackend() {
        record(call(body(true, "Hi")), sse("Hello"));

        Reply reply = run(replayer(dir), call(body(true, "Hi")), NO_BACKEND);

        assertThat(drain(reply)).isEqualTo(sse("Hello"));
        assertThat(((Reply.Raw) reply).headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(((Reply.Raw) reply).headers().firstValue(ReplayMiddleware.REPLAYED_FROM))
                .hasValue("0001-claude-sonnet-4-5.json");
    }

    @Test
    void aRecordedStreamIsReplayedAsEventsForAClientThatAsksForJson() {
        record(call(body(true, "Hi")), sse("Hello"));

        Reply reply = run(replayer(dir), call(body(false, "Hi")), NO_BACKEND);

        assertThat(reply).isInstanceOf(Reply.Events.class);
        assertThat(text(((Reply.Events) reply).events())).isEqualTo("Hello");
    }

    @Test
    void credentialsDoNotChangeTheKeySoARecordingReplaysWithAnotherKey() {
        record(call(body(true, "Hi"), "x-api-key", "sk-ant-api03-recorded-with-this"), sse("Hello"));

        Reply reply = run(replayer(dir), call(body(true, "Hi"), "x-api-key", "sk-ant-api03-replayed-with-that"),
                NO_BACKEND);

        assertThat(drain(reply)).isEqualTo(sse("Hello"));
    }

    @Test
    void aRequestRecordedTwiceGetsItsAnswersInOrderAndThenTheLastAgain() {
        RecordingMiddleware recorder = recorder(dir);
        drain(run(recorder, call(body(true, "Roll a die")), call -> raw(200, "text/event-stream", sse("4"))));
        drain(run(recorder, call(body(true, "Roll a die")), call -> raw(200, "text/event-stream", sse("6"))));
        recorder.close();
        ReplayMiddleware replayer = replayer(dir);

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(drain(run(replayer, call(body(true, "Roll a die")), NO_BACKEND)));
        }

        assertThat(answers).containsExactly(sse("4"), sse("6"), sse("6"));
    }

    @Test
    void aRequestTheRecordingDoesNotHaveIsA404NamingItsKeyAndTheNearestExchange() {
        record(call(body(true, "Hi")), sse("Hello"));
        record(call(body(true, "Hi", "Hello", "Write a file")), sse("Done")); // continues this process's recording
        Call unseen = call(body(true, "Hi", "Hello", "Delete a file"));
        String key = Exchanges.keys().of(unseen).substring(0, 12);

        assertThatThrownBy(() -> run(replayer(dir), unseen, NO_BACKEND))
                .isInstanceOfSatisfying(AnthropicException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND);
                    assertThat(e.status()).isEqualTo(404);
                })
                .hasMessageContaining("not recorded in " + dir)
                .hasMessageContaining("key " + key)
                .hasMessageContaining("nearest recorded exchange: 0002-claude-sonnet-4-5.json")
                .hasMessageContaining("messages from messages[2] on (this request has 3)");
    }

    @Test
    void aFolderWithoutARecordingFailsWhenTheReplayIsCreated() {
        assertThatThrownBy(() -> replayer(dir.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("dir: no recording in ")
                .hasMessageContaining("index.json is missing");
    }

    private void record(Call call, String answer) {
        RecordingMiddleware recorder = recorder(dir);
        drain(run(recorder, call, next -> raw(200, "text/event-stream", answer)));
        recorder.close();
    }

    private static String text(EventStream events) {
        StringBuilder text = new StringBuilder();
        for (StreamEvent event = events.next(); event != null; event = events.next()) {
            if (event instanceof StreamEvent.ContentBlockDelta delta && delta.delta() instanceof Delta.TextDelta t) {
                text.append(t.text());
            }
        }
        return text.toString();
    }
}
