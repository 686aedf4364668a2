package dev.anyclaude.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.anyclaude.api.AnthropicException;
import java.io.IOException;

/**
 * The top-level facts the proxy needs from a Messages body before any backend sees it: {@code model},
 * {@code max_tokens}, {@code stream}, and that {@code messages} is an array. One pass over the bytes, skipping
 * nested values without building them, so the passthrough lane never pays for a full parse: {@link RequestScan}'s
 * when the body is plainly valid, else Jackson's, which also words the error.
 *
 * @param model     the {@code model} string
 * @param maxTokens the {@code max_tokens} value, or -1 when absent (count_tokens)
 * @param stream    the {@code stream} flag
 */
public record RequestPeek(String model, int maxTokens, boolean stream) {

    /** Which endpoint's rules apply: count_tokens has no {@code max_tokens}. */
    public enum Kind { MESSAGES, COUNT_TOKENS }

    /**
     * Scans and validates the body.
     *
     * @throws AnthropicException 400 {@code invalid_request_error} naming the field that is missing or ill-typed,
     *                            or saying the JSON is malformed
     */
    public static RequestPeek of(JsonFactory factory, byte[] body, Kind kind) {
        if (body.length == 0) {
            throw AnthropicException.invalidRequest("the request body is empty; send a JSON object");
        }
        RequestPeek scanned = RequestScan.peek(body, kind);
        return scanned != null ? scanned : byJackson(factory, body, kind);
    }

    /** The same facts and checks through Jackson's parser, which words every error. */
    static RequestPeek byJackson(JsonFactory factory, byte[] body, Kind kind) {
        String model = null;
        Integer maxTokens = null;
        boolean stream = false;
        boolean sawMessages = false;
        try (JsonParser parser = factory.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw AnthropicException.invalidRequest("the request body must be a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "model" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            throw AnthropicException.invalidRequest("model: must be a string");
                        }
                        model = parser.getText();
                    }
                    case "max_tokens" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
                            throw AnthropicException.invalidRequest("max_tokens: must be an integer");
                        }
                        maxTokens = parser.getIntValue();
                        if (maxTokens < 0) {
                            throw AnthropicException.invalidRequest("max_tokens: must be at least 0");
                        }
                    }
                    case "stream" -> {
                        if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE && value != JsonToken.VALUE_NULL) {
                            throw AnthropicException.invalidRequest("stream: must be a boolean");
                        }
                        stream = value == JsonToken.VALUE_TRUE;
                    }
                    case "messages" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw AnthropicException.invalidRequest("messages: must be an array");
                        }
                        sawMessages = true;
                        parser.skipChildren();
                    }
                    default -> parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw AnthropicException.invalidRequest("malformed JSON: unexpected content after the body's object");
            }
        } catch (IOException e) {
            String detail = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                    ? jpe.getOriginalMessage() : e.getMessage();
            throw AnthropicException.invalidRequest("malformed JSON: " + detail);
        }
        if (model == null || model.isBlank()) {
            throw AnthropicException.invalidRequest("model: field required");
        }
        if (!sawMessages) {
            throw AnthropicException.invalidRequest("messages: field required");
        }
        if (kind == Kind.MESSAGES && maxTokens == null) {
            throw AnthropicException.invalidRequest("max_tokens: field required");
        }
        return new RequestPeek(model, maxTokens == null ? -1 : maxTokens, stream);
    }
}
