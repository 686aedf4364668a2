package dev.anyclaude.plugins.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class AnswerCheckTest {
    private static final String MESSAGE = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}";
    private static final String STREAM = frame("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
            + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"stop_reason\":null,"
            + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":1,\"output_tokens\":0}}}")
            + frame("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
            + frame("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}")
            + frame("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
            + frame("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
            + "\"usage\":{\"output_tokens\":1}}")
            + frame("message_stop", "{\"type\":\"message_stop\"}");

    private final AnswerCheck check = new AnswerCheck(TestCall.JSON, false);

    private static String frame(String event, String data) {
        return "event: " + event + "\ndata: " + data + "\n\n";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCompleteStreamAndAWholeMessageAreStored() {
        assertThat(check.check(StoredAnswer.Form.SSE, utf8(STREAM), null, 5)).isNotNull();
        assertThat(check.check(StoredAnswer.Form.JSON, utf8(MESSAGE), null, 5)).isNotNull();
    }

    @Test
    void aCutStreamAnErrorEventAndAnErrorBodyAreNot() {
        String cut = STREAM.substring(0, STREAM.indexOf("event: message_delta"));
        String failed = cut + frame("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"x\"}}");
        assertThat(check.check(StoredAnswer.Form.SSE, utf8(cut), null, 5)).isNull();
        assertThat(check.check(StoredAnswer.Form.SSE, utf8(failed), null, 5)).isNull();
        assertThat(check.check(StoredAnswer.Form.JSON,
                utf8("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"x\"}}"), null, 5)).isNull();
        assertThat(check.check(StoredAnswer.Form.JSON, utf8(MESSAGE.substring(0, 40)), null, 5)).isNull();
    }

    @Test
    void maxTokensAnswersAreStoredOnlyWhenAsked() {
        byte[] truncated = utf8(STREAM.replace("end_turn", "max_tokens"));
        assertThat(check.check(StoredAnswer.Form.SSE, truncated, null, 5)).isNull();
        assertThat(new AnswerCheck(TestCall.JSON, true).check(StoredAnswer.Form.SSE, truncated, null, 5)).isNotNull();
    }

    @Test
    void aGzipBodyIsStoredDecodedAndBrotliIsNotStored() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(utf8(MESSAGE));
        }
        StoredAnswer stored = check.check(StoredAnswer.Form.JSON, zipped.toByteArray(), "gzip", 5);
        assertThat(stored).isNotNull();
        assertThat(new String(stored.body(), StandardCharsets.UTF_8)).isEqualTo(MESSAGE);
        assertThat(AnswerCheck.decodable("br")).isFalse();
        assertThat(AnswerCheck.decodable("gzip")).isTrue();
    }

    @Test
    void requestHeadersChooseTheLookup() {
        assertThat(Lookup.of(headers())).isEqualTo(Lookup.USE);
        assertThat(Lookup.of(headers("x-anyclaude-cache", "Bypass"))).isEqualTo(Lookup.BYPASS);
        assertThat(Lookup.of(headers("cache-control", "max-age=0, no-store"))).isEqualTo(Lookup.BYPASS);
        assertThat(Lookup.of(headers("cache-control", "No-Cache"))).isEqualTo(Lookup.REFRESH);
    }

    private static HttpHeaders headers(String... pairs) {
        Map<String, List<String>> map = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], List.of(pairs[i + 1]));
        }
        return HttpHeaders.of(map, (a, b) -> true);
    }
}
