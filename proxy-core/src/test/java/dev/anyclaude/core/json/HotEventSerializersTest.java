package dev.anyclaude.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.model.Usage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/**
 * The codec's own serializers for the hot stream events write the same bytes as Jackson's bean serializer, which
 * the records' annotations configure and which writes every other event.
 */
class HotEventSerializersTest {
    /** Jackson's bean serializer, configured as {@link ProtocolJson} is apart from its own serializers. */
    private static final ObjectMapper BEANS = JsonMapper.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
    private final ProtocolJson json = new ProtocolJson();

    @Property(tries = 500)
    void everyEventIsWrittenAsTheBeanSerializerWritesIt(@ForAll("events") StreamEvent event) {
        assertSameBytes(event);
    }

    @Example
    void theWireFormOfTheHotEvents() {
        assertThat(text(new StreamEvent.ContentBlockDelta(2, new Delta.TextDelta("héllo \"\n\u2028"))))
                .isEqualTo("{\"type\":\"content_block_delta\",\"index\":2,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"héllo \\\"\\n\u2028\"}}");
        assertThat(text(new StreamEvent.ContentBlockDelta(0, new Delta.InputJsonDelta(""))))
                .isEqualTo("{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}");
        assertThat(text(new StreamEvent.ContentBlockStop(7))).isEqualTo("{\"type\":\"content_block_stop\",\"index\":7}");
        assertThat(text(new StreamEvent.MessageStop())).isEqualTo("{\"type\":\"message_stop\"}");
        assertThat(text(new StreamEvent.Ping())).isEqualTo("{\"type\":\"ping\"}");
    }

    @Example
    void eventsInsideOtherValuesAreWrittenTheSameWay() throws JsonProcessingException {
        List<StreamEvent> events = List.of(new StreamEvent.ContentBlockDelta(1, new Delta.ThinkingDelta("hmm")),
                new StreamEvent.MessageStop(), new StreamEvent.Ping(), new StreamEvent.ContentBlockStop(1));
        Map<String, Object> holder = Map.of("events", events);
        assertThat(json.mapper().writeValueAsString(holder)).isEqualTo(BEANS.writeValueAsString(holder));
    }

    private void assertSameBytes(StreamEvent event) {
        byte[] expected;
        try {
            expected = BEANS.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
        assertThat(new String(json.write(event), StandardCharsets.UTF_8))
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
    }

    private String text(StreamEvent event) {
        return new String(json.write(event), StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<StreamEvent> events() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings(),
                Arbitraries.strings().withChars("\"\\\n\r\t\u0000\u001f\u007f\u2028é😀<>&'"),
                Arbitraries.strings().ascii());
        Arbitrary<Integer> index = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<Delta> delta = Arbitraries.oneOf(
                text.map(Delta.TextDelta::new),
                text.map(Delta.InputJsonDelta::new),
                text.map(Delta.ThinkingDelta::new),
                text.map(Delta.SignatureDelta::new),
                text.map(value -> new Delta.CitationsDelta(Map.of("cited_text", value, "type", "char_location"))),
                text.map(value -> new Delta.Unknown(Map.of("type", "future_delta", "value", value))));
        return Arbitraries.oneOf(
                Combinators.combine(index, delta).as(StreamEvent.ContentBlockDelta::new),
                index.map(StreamEvent.ContentBlockStop::new),
                Arbitraries.just(new StreamEvent.MessageStop()),
                Arbitraries.just(new StreamEvent.Ping()),
                Combinators.combine(index, text).as((at, value) ->
                        new StreamEvent.ContentBlockStart(at, new ContentBlock.Text(value, Map.of()))),
                text.map(reason -> new StreamEvent.MessageDelta(StreamEvent.StopInfo.of(reason),
                        new Usage(null, 12, null, null, Map.of()))),
                text.map(message -> new StreamEvent.Error(new StreamEvent.ErrorBody("overloaded_error", message))));
    }
}
