package dev.anyclaude.plugins.openai.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/** Reads tool-call {@code arguments}: a string as it is, any other JSON value as its compact JSON text. */
final class ArgumentsDeserializer extends StdDeserializer<String> {

    ArgumentsDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        JsonNode node = parser.readValueAsTree();
        return node == null || node.isNull() ? null : node.toString();
    }
}
