package dev.anyclaude.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.StreamEvent;
import java.io.IOException;

/**
 * Serializers for the stream events a streamed answer is made of, most of them deltas: each writes its fields with
 * the generator, in the order and form Jackson's bean serializer gives (checked byte for byte by
 * {@code HotEventSerializersTest}). The bean serializer reads a record's components through reflection and looks
 * the type id of the sealed interface up for every value, though the id is a property the record writes itself;
 * on the OpenAI stream lane that was about 60 % of writing the events (JFR, docs/benchmarks.md, fifth round).
 * Every other event, and every value inside these events that is not a plain delta, stays with the bean serializer.
 */
final class HotEventSerializers extends SimpleModule {

    HotEventSerializers() {
        super("anyclaude-hot-events");
        setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description,
                                                      JsonSerializer<?> serializer) {
                Class<?> type = description.getBeanClass();
                if (type == StreamEvent.ContentBlockDelta.class) {
                    return new ContentBlockDeltaSerializer();
                }
                if (type == StreamEvent.ContentBlockStop.class) {
                    return new ContentBlockStopSerializer();
                }
                if (type == StreamEvent.MessageStop.class || type == StreamEvent.Ping.class) {
                    return new TypeOnlySerializer();
                }
                return serializer;
            }
        });
    }

    /** The base of these serializers: the type id is a property of the value, so a typed write is a plain one. */
    private abstract static class EventSerializer<T extends StreamEvent> extends StdSerializer<T> {
        EventSerializer(Class<T> type) {
            super(type);
        }

        @Override
        public final void serializeWithType(T value, JsonGenerator out, SerializerProvider provider,
                                            TypeSerializer typeSerializer) throws IOException {
            serialize(value, out, provider);
        }
    }

    /** {@code {"type":"content_block_delta","index":n,"delta":{...}}}. */
    private static final class ContentBlockDeltaSerializer extends EventSerializer<StreamEvent.ContentBlockDelta> {
        ContentBlockDeltaSerializer() {
            super(StreamEvent.ContentBlockDelta.class);
        }

        @Override
        public void serialize(StreamEvent.ContentBlockDelta event, JsonGenerator out, SerializerProvider provider)
                throws IOException {
            out.writeStartObject(event);
            out.writeStringField("type", "content_block_delta");
            out.writeNumberField("index", event.index());
            switch (event.delta()) {
                case Delta.TextDelta text -> writeDelta(out, "text_delta", "text", text.text());
                case Delta.InputJsonDelta json -> writeDelta(out, "input_json_delta", "partial_json",
                        json.partialJson());
                case Delta.ThinkingDelta thinking -> writeDelta(out, "thinking_delta", "thinking",
                        thinking.thinking());
                case Delta.SignatureDelta signature -> writeDelta(out, "signature_delta", "signature",
                        signature.signature());
                default -> provider.defaultSerializeField("delta", event.delta(), out);
            }
            out.writeEndObject();
        }

        private static void writeDelta(JsonGenerator out, String type, String field, String value)
                throws IOException {
            out.writeFieldName("delta");
            out.writeStartObject();
            out.writeStringField("type", type);
            out.writeStringField(field, value);
            out.writeEndObject();
        }
    }

    /** {@code {"type":"content_block_stop","index":n}}. */
    private static final class ContentBlockStopSerializer extends EventSerializer<StreamEvent.ContentBlockStop> {
        ContentBlockStopSerializer() {
            super(StreamEvent.ContentBlockStop.class);
        }

        @Override
        public void serialize(StreamEvent.ContentBlockStop event, JsonGenerator out, SerializerProvider provider)
                throws IOException {
            out.writeStartObject(event);
            out.writeStringField("type", "content_block_stop");
            out.writeNumberField("index", event.index());
            out.writeEndObject();
        }
    }

    /** {@code {"type":"message_stop"}} and {@code {"type":"ping"}}: events that carry nothing but their type. */
    private static final class TypeOnlySerializer extends EventSerializer<StreamEvent> {
        TypeOnlySerializer() {
            super(StreamEvent.class);
        }

        @Override
        public void serialize(StreamEvent event, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeStartObject(event);
            out.writeStringField("type", event.type());
            out.writeEndObject();
        }
    }
}
