package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Assertions on what a client received: an Anthropic error as an HTTP answer, or as the last SSE event. */
final class AnthropicErrors {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ERROR_EVENT = Pattern.compile("event: error\ndata: (\\{.*})\n");

    private AnthropicErrors() {
    }

    /** The answer is {@code status} with {@code {"type":"error","error":{"type":type,"message":..part..}}}. */
    static void assertHttpError(HttpResponse<String> response, int status, String type, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = read(response.body());
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo(type);
        assertThat(body.path("error").path("message").asText()).contains(messagePart);
    }

    /**
     * The answer is a 200 stream that started and then ended with exactly one {@code event: error} of this type as
     * its last event, never with {@code message_stop}.
     */
    static void assertStreamEndsWithError(HttpResponse<String> response, String type, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String body = response.body();
        assertThat(body).startsWith("event: message_start").doesNotContain("event: message_stop");
        Matcher matcher = ERROR_EVENT.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        JsonNode error = read(matcher.group(1));
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("error").path("type").asText()).isEqualTo(type);
        assertThat(error.path("error").path("message").asText()).contains(messagePart);
        assertThat(body.substring(matcher.end()).strip()).as("nothing after the error event").isEmpty();
    }

    static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
