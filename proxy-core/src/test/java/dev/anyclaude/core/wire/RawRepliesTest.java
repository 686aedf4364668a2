package dev.anyclaude.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.Message;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.model.Usage;
import dev.anyclaude.api.wire.MessageEvents;
import dev.anyclaude.api.wire.RawReplies;
import dev.anyclaude.api.wire.SseEventReader;
import dev.anyclaude.core.json.ProtocolJson;
import dev.anyclaude.core.sse.MessageAggregator;
import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawRepliesTest {
    private static final ProtocolJson JSON = new ProtocolJson();

    private static final String TOOL_STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_01B","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":300,"output_tokens":1}}}

            : keep-alive comment

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_01X","name":"Read","input":{}}}

            event: ping
            data: {"type":"ping"}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"file_path\\": \\"READ"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"ME.md\\"}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":40}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    @Test
    void sseAnswerIsReadEventByEventAndEndsAfterMessageStop() {
        List<StreamEvent> events = drain(RawReplies.events(raw(200, "text/event-stream; charset=utf-8", TOOL_STREAM), JSON));

        assertThat(events).extracting(StreamEvent::type).containsExactly("message_start", "content_block_start",
                "ping", "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        Message message = aggregate(events);
        assertThat(message.stopReason()).isEqualTo("tool_use");
        assertThat(message.content()).singleElement().isInstanceOfSatisfying(ContentBlock.ToolUse.class,
                use -> assertThat(use.input()).isEqualTo(Map.of("file_path", "README.md")));
    }

    @Test
    void framesWithoutEventLinesAndWithSplitDataLinesAreStillRead() {
        String body = "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"m\",\"content\":[],"
                + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n"
                + "data: {\"type\":\"message_delta\",\n"
                + "data: \"delta\":{\"stop_reason\":\"end_turn\"}}\n\n"
                + "data:{\"type\":\"message_stop\"}\n\n";

        List<StreamEvent> events = drain(new SseEventReader(bytes(body), JSON));

        assertThat(events).extracting(StreamEvent::type).containsExactly("message_start", "message_delta", "message_stop");
    }

    @Test
    void firstEventIsReturnedBeforeTheRestOfTheBodyArrives() throws Exception {
        PipedOutputStream upstream = new PipedOutputStream();
        PipedInputStream body = new PipedInputStream(upstream, 64 * 1024);
        int firstFrameEnd = TOOL_STREAM.indexOf("\n\n") + 2;
        upstream.write(TOOL_STREAM.substring(0, firstFrameEnd).getBytes(StandardCharsets.UTF_8));
        upstream.flush();

        try (SseEventReader reader = new SseEventReader(body, JSON)) {
            assertThat(reader.next()).isInstanceOf(StreamEvent.MessageStart.class);
            upstream.write(TOOL_STREAM.substring(firstFrameEnd).getBytes(StandardCharsets.UTF_8));
            upstream.close();
            assertThat(drain(reader)).last().isInstanceOf(StreamEvent.MessageStop.class);
        }
    }

    @Test
    void streamThatEndsBeforeMessageStopIsAnErrorNotASuccess() {
        String truncated = TOOL_STREAM.substring(0, TOOL_STREAM.indexOf("event: message_delta"));

        EventStream events = RawReplies.events(raw(200, "text/event-stream", truncated), JSON);

        assertThatThrownBy(() -> drain(events)).isInstanceOfSatisfying(AnthropicException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.API));
    }

    @Test
    void errorEventInsideA200StreamThrowsItsTypeAndMessage() {
        String body = TOOL_STREAM.substring(0, TOOL_STREAM.indexOf("event: content_block_start"))
                + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";

        EventStream events = RawReplies.events(raw(200, "text/event-stream", body), JSON);

        assertThatThrownBy(() -> drain(events)).isInstanceOfSatisfying(AnthropicException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.OVERLOADED);
            assertThat(e.status()).isEqualTo(529);
            assertThat(e.getMessage()).isEqualTo("Overloaded");
        });
    }

    @Test
    void jsonMessageBecomesTheEventsThatAggregateBackToIt() {
        Message message = new Message("msg_2", "m", List.of(
                new ContentBlock.Thinking("let me look", "sig-1", Map.of()),
                new ContentBlock.Text("Reading it."),
                new ContentBlock.ToolUse("toolu_1", "Read", Map.of("file_path", "/tmp/a", "limit", 3), Map.of()),
                new ContentBlock.RedactedThinking("opaque", Map.of())),
                "tool_use", null, Usage.of(10, 20), Map.of());
        String body = new String(JSON.write(message), StandardCharsets.UTF_8);

        List<StreamEvent> events = drain(RawReplies.events(raw(200, "application/json", body), JSON));

        assertThat(events.getFirst()).isInstanceOfSatisfying(StreamEvent.MessageStart.class, start -> {
            assertThat(start.message().content()).isEmpty();
            assertThat(start.message().stopReason()).isNull();
        });
        assertThat(aggregate(events)).isEqualTo(message);
        assertThat(aggregate(MessageEvents.of(message, JSON))).isEqualTo(message);
    }

    @Test
    void anthropicErrorStatusKeepsTheUpstreamTypeStatusAndMessage() {
        String body = "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}";

        assertThatThrownBy(() -> RawReplies.events(raw(429, "application/json", body), JSON))
                .isInstanceOfSatisfying(AnthropicException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.RATE_LIMIT);
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.getMessage()).isEqualTo("slow down");
                });
    }

    @Test
    void errorStatusWithoutAnAnthropicBodyIsDescribedByItsStatus() {
        Reply.Raw html = raw(502, "text/html", "<html>bad gateway</html>");

        assertThat(RawReplies.isAnswer(html)).isFalse();
        assertThatThrownBy(() -> RawReplies.events(html, JSON)).isInstanceOfSatisfying(AnthropicException.class,
                e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.type()).isEqualTo(ErrorType.API);
                    assertThat(e.getMessage()).contains("502");
                });
    }

    @Test
    void onlySuccessfulSseOrJsonBodiesAreAnswers() {
        assertThat(RawReplies.isAnswer(raw(200, "text/event-stream", ""))).isTrue();
        assertThat(RawReplies.isAnswer(raw(200, "application/json", "{}"))).isTrue();
        assertThat(RawReplies.isAnswer(raw(200, "text/plain", "hi"))).isFalse();
        assertThat(RawReplies.isAnswer(raw(400, "application/json", "{}"))).isFalse();
    }

    @Test
    void aCompressedAnswerIsAnAnswerButNotOneToReadAsEvents() {
        Reply.Raw gzip = new Reply.Raw(200, HttpHeaders.of(Map.of("content-type", List.of("text/event-stream"),
                "content-encoding", List.of("gzip")), (a, b) -> true), bytes("\u001f\u008b..."));
        Reply.Raw identity = new Reply.Raw(200, HttpHeaders.of(Map.of("content-type", List.of("application/json"),
                "content-encoding", List.of("identity")), (a, b) -> true), bytes("{}"));

        assertThat(RawReplies.isAnswer(gzip)).isTrue();
        assertThat(RawReplies.isReadable(gzip)).isFalse();
        assertThat(RawReplies.isReadable(identity)).isTrue();
        assertThat(RawReplies.isReadable(raw(200, "text/event-stream; charset=utf-8", ""))).isTrue();
        assertThat(RawReplies.isReadable(raw(200, "text/html", ""))).isFalse();
        assertThat(RawReplies.isReadable(raw(400, "application/json", "{}"))).isFalse();
        assertThatThrownBy(() -> RawReplies.events(gzip, JSON)).isInstanceOfSatisfying(AnthropicException.class,
                e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.API);
                    assertThat(e.getMessage()).contains("compressed (content-encoding: gzip)");
                });
    }

    private static Reply.Raw raw(int status, String contentType, String body) {
        return new Reply.Raw(status, HttpHeaders.of(Map.of("content-type", List.of(contentType)), (a, b) -> true),
                bytes(body));
    }

    private static ByteArrayInputStream bytes(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }

    private static List<StreamEvent> drain(EventStream stream) {
        List<StreamEvent> events = new ArrayList<>();
        for (StreamEvent event = stream.next(); event != null; event = stream.next()) {
            events.add(event);
        }
        return events;
    }

    private static Message aggregate(List<StreamEvent> events) {
        MessageAggregator aggregator = new MessageAggregator(JSON);
        events.forEach(aggregator::accept);
        return aggregator.result();
    }
}
