package dev.anyclaude.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.api.model.Usage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageSnifferTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Usage feed(UsageSniffer sniffer, String body, int chunk) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at < bytes.length; at += chunk) {
            byte[] piece = java.util.Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + chunk));
            sniffer.accept(piece, piece.length);
        }
        return sniffer.usage();
    }

    @Test
    void streamUsageComesFromMessageStartAndTheLastMessageDeltaWhateverTheChunking() {
        String stream = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"usage\":"
                + "{\"input_tokens\":12,\"output_tokens\":1,\"cache_read_input_tokens\":7}}}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"usage\"}}\n\n"
                + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":40}}\n\n";
        for (int chunk : new int[]{1, 7, 64, 10_000}) {
            assertThat(feed(new UsageSniffer(MAPPER, "text/event-stream; charset=utf-8", null), stream, chunk))
                    .isEqualTo(new Usage(12, 40, null, 7, Map.of()));
        }
    }

    @Test
    void jsonUsageIsReadAtTheEnd() {
        String json = "{\"id\":\"m\",\"content\":[],\"usage\":{\"input_tokens\":3,\"output_tokens\":5}}";
        assertThat(feed(new UsageSniffer(MAPPER, "application/json", null), json, 5)).isEqualTo(Usage.of(3, 5));
    }

    @Test
    void compressedAnswersAreNotRead() {
        assertThat(feed(new UsageSniffer(MAPPER, "application/json", "gzip"), "{\"usage\":{\"input_tokens\":1}}", 100)).isNull();
    }

    @Test
    void theFirstContentDeltaIsNoticedOnlyOnceItsEventLineHasPassed() {
        UsageSniffer sniffer = new UsageSniffer(MAPPER, "text/event-stream", null);
        feed(sniffer, "event: message_start\ndata: {\"type\":\"message_start\"}\n\nevent: content_block_st", 8);
        assertThat(sniffer.firstTokenNanos()).isZero();

        long before = System.nanoTime();
        feed(sniffer, "art\ndata: {}\n\nevent: content_block_delta\ndata: {\"type\":\"content_block_delta\"}\n\n", 5);
        long first = sniffer.firstTokenNanos();
        assertThat(first).isGreaterThanOrEqualTo(before);

        feed(sniffer, "event: content_block_delta\ndata: {}\n\n", 100);
        assertThat(sniffer.firstTokenNanos()).isEqualTo(first);
    }

    @Test
    void theEndAndTheFirstTokenAreSeenWhateverTheChunking() {
        String stream = "event: message_start\r\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\"}}\r\n\r\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0}\n\n";
        for (int chunk : new int[]{1, 5, 33, 10_000}) {
            UsageSniffer open = new UsageSniffer(MAPPER, "text/event-stream", null);
            feed(open, stream, chunk);
            assertThat(open.streamUnfinished()).as("chunk %d", chunk).isTrue();
            assertThat(open.firstTokenNanos()).as("chunk %d", chunk).isPositive();

            UsageSniffer ended = new UsageSniffer(MAPPER, "text/event-stream", null);
            feed(ended, stream + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n", chunk);
            assertThat(ended.streamUnfinished()).as("chunk %d", chunk).isFalse();

            UsageSniffer dataOnly = new UsageSniffer(MAPPER, "text/event-stream", null);
            feed(dataOnly, "data: {\"type\":\"message_stop\"}\n\n", chunk);
            assertThat(dataOnly.streamUnfinished()).as("chunk %d", chunk).isFalse();
        }
    }
}
