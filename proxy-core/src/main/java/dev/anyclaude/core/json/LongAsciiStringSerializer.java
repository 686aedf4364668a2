package dev.anyclaude.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import dev.anyclaude.api.wire.AsciiJsonString;
import java.io.IOException;

/**
 * The core codec's strings of 64 characters or more, when ASCII, written eight bytes at a time
 * ({@link AsciiJsonString}), byte for byte as Jackson writes them: the {@code anthropic} backend's compatible mode
 * (Ollama, LM Studio) writes a whole Claude Code turn again, some 50 KB of strings, and a whole answer's text is
 * written once more for a client that did not stream. Other strings go to Jackson's {@code writeString}.
 */
final class LongAsciiStringSerializer extends StdScalarSerializer<String> {
    private static final int MIN_LENGTH = 64;

    LongAsciiStringSerializer() {
        super(String.class);
    }

    @Override
    public void serialize(String value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        AsciiJsonString text = value.length() < MIN_LENGTH || !(generator instanceof UTF8JsonGenerator)
                ? null : AsciiJsonString.of(value);
        if (text != null) {
            generator.writeRawUTF8String(text.bytes(), 0, text.length());
        } else {
            generator.writeString(value);
        }
    }
}
