package dev.anyclaude.plugins.openai.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import dev.anyclaude.api.wire.AsciiJsonString;
import java.io.IOException;

/**
 * Writes long ASCII strings as Jackson would, byte for byte, but eight bytes at a time ({@link AsciiJsonString}).
 * Writing a translated Claude Code turn (some 50 KB of prompt, tool descriptions and conversation) was a fifth of
 * the proxy's IO thread, most of it Jackson's character-at-a-time {@code writeString}. Anything else (short
 * strings, strings with a character over 0x7F, generators that are not Jackson's UTF-8 one) goes through
 * {@code writeString} unchanged.
 */
final class AsciiStringSerializer extends StdScalarSerializer<String> {
    /** Shorter strings gain nothing from the extra copy. */
    static final int MIN_LENGTH = 64;

    AsciiStringSerializer() {
        super(String.class);
    }

    @Override
    public void serialize(String value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        AsciiJsonString text = value.length() >= MIN_LENGTH && generator instanceof UTF8JsonGenerator
                ? AsciiJsonString.of(value) : null;
        if (text == null) {
            generator.writeString(value);
        } else {
            generator.writeRawUTF8String(text.bytes(), 0, text.length());
        }
    }
}
