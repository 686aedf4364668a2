package dev.anyclaude.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.core.json.AnswerUsage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one-pass check of a whole JSON answer: an object, read to its end, and its usage. */
class WholeJsonTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private AnswerUsage check(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return WholeJson.jsonObject(mapper, bytes, bytes.length);
    }

    @Test
    void anObjectWithUsageGivesTheUsage() {
        AnswerUsage checked = check("{\"id\":\"msg_1\",\"content\":[{\"type\":\"text\",\"text\":\"hi {\\\"usage\\\"}\"}],"
                + "\"usage\":{\"input_tokens\":12,\"output_tokens\":3,\"cache_read_input_tokens\":5},\"stop_reason\":\"end_turn\"}");

        assertThat(checked).isNotNull();
        assertThat(checked.usage().inputTokens()).isEqualTo(12);
        assertThat(checked.usage().outputTokens()).isEqualTo(3);
        assertThat(checked.usage().cacheReadInputTokens()).isEqualTo(5);
    }

    @Test
    void aNestedUsageIsNotTheAnswersOwn() {
        AnswerUsage checked = check("{\"content\":[{\"usage\":{\"input_tokens\":99}}]}");

        assertThat(checked).isNotNull();
        assertThat(checked.usage()).isNull();
    }

    @Test
    void aBodyCutShortIsNotAnAnswer() {
        assertThat(check("{\"id\":\"msg_1\",\"content\":[{\"type\":\"text\"")).isNull();
        assertThat(check("{\"id\":\"msg_1\",\"usage\":{\"input_tokens\":1}")).isNull();
    }

    @Test
    void somethingOtherThanAnObjectIsNotAnAnswer() {
        assertThat(check("[1,2]")).isNull();
        assertThat(check("\"text\"")).isNull();
        assertThat(check("<html>bad gateway</html>")).isNull();
        assertThat(check("")).isNull();
        assertThat(check("{\"a\":tru}")).isNull();
    }
}
