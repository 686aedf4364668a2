package dev.anyclaude.plugins.anthropic.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.api.Reply;
import dev.anyclaude.core.json.ProtocolJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which answers from {@code /v1/messages} mean the server lacks the Anthropic API. */
class MissingEndpointTest {
    private final MissingEndpoint missing = new MissingEndpoint(new ProtocolJson());

    private static Reply.Raw raw(int status, String type, String body) {
        HttpHeaders headers = HttpHeaders.of(Map.of("content-type", List.of(type)), (a, b) -> true);
        return new Reply.Raw(status, headers, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aPlainTextNotFoundMeansTheRouteIsMissing() throws IOException {
        assertThat(missing.check(raw(404, "text/plain", "404 page not found"))).isEmpty();
    }

    @Test
    void anAnthropicNotFoundErrorIsARealAnswerAndStillReadable() throws IOException {
        String error = "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model 'x' not found\"}}";

        Optional<Reply> reply = missing.check(raw(404, "application/json", error));

        assertThat(reply).isPresent();
        assertThat(new String(((Reply.Raw) reply.get()).body().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo(error);
    }

    @Test
    void anUnexpectedEndpointErrorWithStatus200MeansTheRouteIsMissing() throws IOException {
        assertThat(missing.check(raw(200, "application/json",
                "{\"error\":\"Unexpected endpoint or method. (POST /v1/messages)\"}"))).isEmpty();
    }

    @Test
    void streamsAndOtherErrorsPassUntouched() throws IOException {
        Reply.Raw stream = raw(200, "text/event-stream", "event: ping\ndata: {}\n\n");
        Reply.Raw badRequest = raw(400, "application/json", "{}");

        assertThat(missing.check(stream)).containsSame(stream);
        assertThat(missing.check(badRequest)).containsSame(badRequest);
    }
}
