package dev.anyclaude.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.net.http.HttpHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Property: every golden upstream stream, cut into random pieces (and, half the time, broken off by a timeout
 * anywhere), gives on the fast path exactly what {@code messages()} gives for the same bytes.
 */
class RelayPiecesTest {
    private static final HttpHeaders SSE = Answers.headers("content-type", "text/event-stream");
    private static final List<byte[]> BODIES = golden();

    @Provide
    Arbitrary<byte[]> bodies() {
        return Arbitraries.of(BODIES);
    }

    @Property(tries = 500)
    void anyCuttingOfAStreamGivesWhatMessagesGives(@ForAll("bodies") byte[] whole,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 300) Integer> pieces,
            @ForAll @IntRange(min = 0, max = 100) int brokenAtPercent) {
        byte[] body = brokenAtPercent > 50 ? whole : java.util.Arrays.copyOf(whole, whole.length * brokenAtPercent / 50);
        IOException failure = brokenAtPercent > 50 ? null : new SocketTimeoutException("Read timed out");
        OpenAiBackend backend = Answers.backend("http://127.0.0.1:9/v1", Answers.scripted(200, SSE, body, failure));

        Answers.Outcome expected = Answers.pulled(backend, Answers.call());

        assertThat(Answers.pushed(Answers.factory(backend, Answers.call()), 200, SSE, body, pieces, failure))
                .isEqualTo(expected);
    }

    private static List<byte[]> golden() {
        try (Stream<Path> files = Files.list(Path.of(RelayPiecesTest.class.getResource("/golden/stream").toURI()))) {
            return files.filter(f -> f.toString().endsWith(".sse") && !f.toString().endsWith(".expected.sse")).sorted()
                    .map(RelayPiecesTest::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
