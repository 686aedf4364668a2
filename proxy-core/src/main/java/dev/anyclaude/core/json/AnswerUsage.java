package dev.anyclaude.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.anyclaude.api.model.Usage;
import java.io.IOException;
import java.util.Map;

/**
 * The token usage of an Anthropic answer that is one JSON object, read for the request log without building a tree:
 * a whole JSON answer's top-level {@code usage}, or a stream's {@code data:} line's, else its {@code nested}
 * member's ({@code message_start} carries it in {@code message}). A count that is not a number within int's range is
 * null; of repeated names the last wins, as in a tree. {@link UsageScan} answers for plainly valid bytes, Jackson
 * for the rest.
 *
 * @param usage the usage, null when the object has none
 */
public record AnswerUsage(Usage usage) {
    /** An object without usage. */
    public static final AnswerUsage NONE = new AnswerUsage(null);

    /**
     * @param nested the member whose own {@code usage} counts when the object has none at its top, or null
     * @return the usage of the object these bytes hold, or null when they are not a JSON object read to its closing
     *         brace
     */
    public static AnswerUsage of(JsonFactory jackson, byte[] bytes, int offset, int length, String nested) {
        AnswerUsage scanned = UsageScan.scan(bytes, offset, length, nested == null ? null : JsonScan.ascii(nested));
        return scanned != null ? scanned : byJackson(jackson, bytes, offset, length, nested);
    }

    /** What {@link #of} answers, read by Jackson alone. */
    static AnswerUsage byJackson(JsonFactory jackson, byte[] bytes, int offset, int length, String nested) {
        try (JsonParser parser = jackson.createParser(bytes, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Usage usage = usageWithin(parser, nested);
            return parser.currentToken() != JsonToken.END_OBJECT ? null : usage == null ? NONE : new AnswerUsage(usage);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Reads the object the parser stands in (past its start) to its end: its {@code usage} when it has one, else
     * its {@code nested} member's (when given); null when neither.
     */
    private static Usage usageWithin(JsonParser parser, String nested) throws IOException {
        boolean top = false;
        Usage usage = null;
        Usage inner = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("usage".equals(name)) {
                top = true;
                usage = value == JsonToken.START_OBJECT ? counts(parser) : null;
            } else if (nested != null && nested.equals(name)) {
                inner = value == JsonToken.START_OBJECT ? usageWithin(parser, null) : null;
            }
            parser.skipChildren();
        }
        return top ? usage : inner;
    }

    /** The usage object the parser stands at (its {@code START_OBJECT}); leaves the parser at its end. */
    private static Usage counts(JsonParser parser) throws IOException {
        Integer input = null;
        Integer output = null;
        Integer cacheCreation = null;
        Integer cacheRead = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            Integer count = value.isNumeric() ? intValue(parser) : null;
            switch (name) {
                case "input_tokens" -> input = count;
                case "output_tokens" -> output = count;
                case "cache_creation_input_tokens" -> cacheCreation = count;
                case "cache_read_input_tokens" -> cacheRead = count;
                default -> {
                }
            }
            parser.skipChildren();
        }
        return new Usage(input, output, cacheCreation, cacheRead, Map.of());
    }

    /** The number the parser stands at as a tree's {@code canConvertToInt()} and {@code asInt()} see it. */
    private static Integer intValue(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return parser.getNumberType() == JsonParser.NumberType.INT ? parser.getIntValue() : null;
        }
        double value = parser.getDoubleValue();
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (int) value : null;
    }
}
