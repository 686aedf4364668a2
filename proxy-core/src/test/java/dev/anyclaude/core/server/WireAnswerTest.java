package dev.anyclaude.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.relay.AnswerTranslator;
import dev.anyclaude.core.json.ProtocolJson;
import java.net.SocketTimeoutException;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireAnswerTest {
    private static final ProtocolJson JSON = new ProtocolJson();
    private static final String STREAM = ": keep-alive\n\n"
            + "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
            + "\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\r\n\r\n"
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
            + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Grüße\"}}\n\n"
            + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
            + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":2}}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

    private static HttpHeaders headers(String contentType, String... more) {
        Map<String, List<String>> map = new java.util.HashMap<>(Map.of("content-type", List.of(contentType)));
        for (int i = 0; i < more.length; i += 2) {
            map.put(more[i], List.of(more[i + 1]));
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }

    private static AnswerTranslator sse() {
        return WireAnswer.factory(JSON).start(200, headers("text/event-stream"));
    }

    private static List<StreamEvent> feed(AnswerTranslator answer, byte[] bytes, int... cuts) {
        List<StreamEvent> events = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            events.addAll(answer.accept(ByteBuffer.wrap(bytes, from, cut - from)));
            from = cut;
        }
        events.addAll(answer.accept(ByteBuffer.wrap(bytes, from, bytes.length - from)));
        events.addAll(answer.end());
        return events;
    }

    @Test
    void everySplitOfAStreamGivesTheSameEvents() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        List<StreamEvent> whole = feed(sse(), bytes);
        assertThat(whole).hasSize(6);
        assertThat(whole.getFirst()).isInstanceOf(StreamEvent.MessageStart.class);
        assertThat(whole.get(2).toString()).contains("Grüße");
        assertThat(whole.getLast()).isInstanceOf(StreamEvent.MessageStop.class);
        for (int a = 1; a < bytes.length; a++) {
            assertThat(feed(sse(), bytes, a)).as("cut at %d", a).isEqualTo(whole);
        }
        for (int a = 1; a < bytes.length; a += 7) {
            for (int b = a + 1; b < bytes.length; b += 5) {
                assertThat(feed(sse(), bytes, a, b)).as("cuts at %d and %d", a, b).isEqualTo(whole);
            }
        }
    }

    @Test
    void aStreamWithoutMessageStopEndsInAnError() {
        byte[] cut = STREAM.substring(0, STREAM.indexOf("event: message_delta")).getBytes(StandardCharsets.UTF_8);
        AnswerTranslator answer = sse();
        assertThat(answer.accept(ByteBuffer.wrap(cut))).hasSize(4);
        assertThatThrownBy(answer::end).isInstanceOf(AnthropicException.class)
                .hasMessage("the backend's stream ended before message_stop");
    }

    @Test
    void anErrorEventAndAnEventThatIsNotJsonFailTheAnswer() {
        byte[] overloaded = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}\n\n"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> sse().accept(ByteBuffer.wrap(overloaded))).isInstanceOfSatisfying(
                AnthropicException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.OVERLOADED))
                .hasMessage("busy");
        byte[] garbage = "event: ping\ndata: {nope\n\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> sse().accept(ByteBuffer.wrap(garbage))).isInstanceOf(AnthropicException.class)
                .hasMessageStartingWith("the backend sent an event that is not valid JSON (event: ping)");
    }

    @Test
    void theEventsReadTogetherWithAFailingFrameComeFirstAndEndInItsError() {
        String start = STREAM.substring(0, STREAM.indexOf("event: content_block_stop"));
        byte[] read = (start + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                + "\"message\":\"busy\"}}\n\n").getBytes(StandardCharsets.UTF_8);

        List<StreamEvent> events = sse().accept(ByteBuffer.wrap(read));

        assertThat(events).hasSizeGreaterThan(1);
        assertThat(events.getFirst()).isInstanceOf(StreamEvent.MessageStart.class);
        assertThat(events.getLast()).isEqualTo(new StreamEvent.Error(new StreamEvent.ErrorBody("overloaded_error", "busy")));
    }

    @Test
    void aJsonMessageBecomesTheEventsItWouldHaveBeenStreamedAs() {
        String message = "{\"id\":\"msg_2\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"hi\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}";
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        AnswerTranslator answer = WireAnswer.factory(JSON).start(200, headers("application/json"));

        List<StreamEvent> events = feed(answer, bytes, 10, 40);

        assertThat(events.getFirst()).isInstanceOf(StreamEvent.MessageStart.class);
        assertThat(events.getLast()).isInstanceOf(StreamEvent.MessageStop.class);
        assertThat(events.toString()).contains("hi");
        AnswerTranslator broken = WireAnswer.factory(JSON).start(200, headers("application/json"));
        assertThatThrownBy(() -> feed(broken, "{\"id\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AnthropicException.class).hasMessageStartingWith("the backend's answer is not a valid message");
    }

    @Test
    void aSilentBodyIsATimeoutErrorAndOtherBreaksAnApiErrorAsTheBlockingReaderSaysIt() {
        assertThatThrownBy(() -> sse().failed(new SocketTimeoutException("backend 'local' sent nothing for 50 ms")))
                .isInstanceOfSatisfying(AnthropicException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.TIMEOUT))
                .hasMessage("backend 'local' sent nothing for 50 ms");
        // Returning nothing here would end the answer as if it were whole: a truncated stream, no error event.
        assertThatThrownBy(() -> sse().failed(new java.io.IOException("reset")))
                .isInstanceOfSatisfying(AnthropicException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.API))
                .hasMessage("reading the backend's stream failed: reset");
    }

    @Test
    void aBreakAfterMessageStopLeavesTheWholeStreamAsItIs() {
        AnswerTranslator answer = sse();
        byte[] stop = "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n".getBytes(StandardCharsets.UTF_8);
        assertThat(answer.accept(ByteBuffer.wrap(stop))).hasSize(1);
        assertThat(answer.failed(new java.io.IOException("reset"))).isEmpty();
    }
}
