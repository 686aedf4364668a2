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

    @Test
    void millisAreWrittenAsTheFormatterWroteThem() {
        java.util.Random random = new java.util.Random(42);
        long[] edges = {0, 1, 49_999, 50_000, 99_999, 100_000, 149_999, 150_000, 950_000, 999_999_999, 86_400_000_000_000L};
        java.util.stream.LongStream.concat(java.util.Arrays.stream(edges),
                random.longs(10_000, 0, 1_000_000_000_000L)).forEach(nanos -> {
            StringBuilder line = new StringBuilder();
            RequestLog.appendMillis(line, nanos);
            assertThat(line.toString()).as("%d ns", nanos)
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6));
        });
        StringBuilder none = new StringBuilder();
        RequestLog.appendMillis(none, -1);
        assertThat(none.toString()).isEqualTo("-1.0");
    }
}
