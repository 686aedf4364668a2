package dev.anyclaude.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestLogTest {
    @Test
    void keysAndTokensInBodiesAreMaskedAndTheRestKept() {
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"my key is sk-ant-api03-abcdefghijkl and "
                + "Bearer eyJhbGciOiJIUzI1NiJ9.payload\"}],\"metadata\":{\"api_key\":\"hunter2-long\"}}";
        String redacted = RequestLog.redact(body);
        assertThat(redacted).doesNotContain("sk-ant-api03-abcdefghijkl").doesNotContain("eyJhbGciOiJIUzI1NiJ9")
                .doesNotContain("hunter2-long")
                .contains("my key is [redacted]").contains("Bearer [redacted]").contains("\"api_key\":\"[redacted]\"")
                .contains("\"model\":\"m\"");
    }
}
