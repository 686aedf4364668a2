package dev.anyclaude.plugins.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.relay.RelayStage;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cache's fast-path miss stage: what it records, when it offers the answer, and what it tells the cache. */
class CacheStagesTest {
    private final List<String> outcomes = new ArrayList<>();
    private final List<String> forms = new ArrayList<>();
    private final CacheStages.Miss miss = new CacheStages.Miss((form, encoding) -> {
        forms.add(form + " " + encoding);
        return new Recording(1024, new Recording.Outcome() {
            @Override
            public void completed(byte[] bytes) {
                outcomes.add("completed " + new String(bytes, StandardCharsets.UTF_8));
            }

            @Override
            public void abandoned() {
                outcomes.add("abandoned");
            }
        });
    }, () -> outcomes.add("nothing recorded"), () -> outcomes.add("miss counted"), TestCall.JSON);

    private static HttpHeaders headers(String... pairs) {
        Map<String, List<String>> map = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], List.of(pairs[i + 1]));
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRelayedAnswerIsRecordedAsItPassesAndOfferedWhenItEnds() {
        RelayStage.RawWatch watch = miss.rawWatch();

        watch.head(200, headers("content-type", "text/event-stream", "content-encoding", "gzip"));
        watch.body(bytes("event: a\n"));
        watch.body(bytes("data: {}\n\n"));
        watch.end();
        miss.closed(true);

        assertThat(miss.headers()).containsEntry("x-anyclaude-cache", "miss");
        assertThat(forms).containsExactly("SSE gzip");
        assertThat(outcomes).containsExactly("completed event: a\ndata: {}\n\n", "miss counted");
    }

    @Test
    void anErrorAnswerRecordsNothingAndReleasesTheRequestsWaitingForIt() {
        RelayStage.RawWatch watch = miss.rawWatch();

        watch.head(529, headers("content-type", "application/json"));
        watch.body(bytes("{\"type\":\"error\"}"));
        watch.end();
        miss.closed(true);

        assertThat(forms).isEmpty();
        assertThat(outcomes).containsExactly("nothing recorded", "miss counted");
    }

    @Test
    void anAnswerThatBreaksOffIsAbandoned() {
        RelayStage.RawWatch watch = miss.rawWatch();

        watch.head(200, headers("content-type", "application/json"));
        watch.body(bytes("{\"type\":"));
        miss.closed(true);

        assertThat(outcomes).containsExactly("miss counted", "abandoned");
    }

    @Test
    void aStageSetAsideForTheBlockingPathIsNeitherCountedNorStored() {
        miss.closed(false);

        assertThat(outcomes).containsExactly("nothing recorded");
    }

    @Test
    void translatedEventsAreRecordedAsFramesAndOfferedOnlyAfterMessageStop() {
        assertThat(miss.onEvent(new StreamEvent.Ping())).containsExactly(new StreamEvent.Ping());
        miss.onEvent(new StreamEvent.MessageStop());
        miss.onEnd();

        assertThat(forms).containsExactly("SSE null");
        assertThat(outcomes).containsExactly("completed event: ping\ndata: {\"type\":\"ping\"}\n\n"
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }

    @Test
    void translatedEventsThatEndInAnErrorAreNotOffered() {
        miss.onEvent(new StreamEvent.Ping());
        miss.onEvent(new StreamEvent.Error(new StreamEvent.ErrorBody("api_error", "broke")));
        miss.closed(true);

        assertThat(outcomes).containsExactly("miss counted", "abandoned");
    }
}
