package dev.anyclaude.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The push parser against the reader it replaced ({@link ReferenceLineReader}): for any body, in pieces cut
 * anywhere (inside a line, a UTF-8 character, between {@code \r} and {@code \n}), the same events.
 */
class SseParserTest {
    /** What SSE bodies are made of, the odd parts included: CR line ends, error lines, broken UTF-8. */
    private static final List<byte[]> PARTS = List.of(
            ascii("data: "), ascii("data:"), ascii("data"), ascii("event: error"), ascii("event: ping"),
            ascii("error: "), ascii(": keepalive 1/10"), ascii("id: 7"), ascii("retry: 10"), ascii(":"),
            ascii("{\"a\":1}"), ascii("[DONE]"), ascii(" [DONE]\t"), ascii(" "), ascii("x"),
            ascii("\n"), ascii("\r"), ascii("\r\n"), ascii("\n\n"), ascii("\r\n\r\n"),
            utf8("é"), utf8("日本"), utf8("\u2003[DONE]"), utf8("😀"),
            new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0x80});

    @Provide
    Arbitrary<byte[]> bodies() {
        return Arbitraries.of(PARTS).list().ofMaxSize(60).map(parts -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            parts.forEach(body::writeBytes);
            return body.toByteArray();
        });
    }

    @Property(tries = 2_000)
    void anyBodyInAnyPiecesGivesTheEventsOfTheReaderItReplaced(
            @ForAll("bodies") byte[] body, @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 9) Integer> cuts)
            throws IOException {
        List<ReferenceLineReader.Event> expected = ReferenceLineReader.readAll(body);

        assertThat(pushed(body, cuts)).isEqualTo(expected);
        assertThat(pulled(body, cuts)).isEqualTo(expected);
    }

    @Test
    void aBodySplitAtEveryByteGivesTheEventsOfTheReaderItReplaced() throws IOException {
        byte[] body = ("event: error\r\ndata: {\"x\":\r\ndata: \"héllo\"}\r\n\r\n: keepalive\r\rdata: [DONE]\r\r"
                + "data: {\"a\":1}\nerror: {\"message\":\"boom\"}\n\ndata: 日本\n\ndata: last").getBytes(StandardCharsets.UTF_8);
        List<ReferenceLineReader.Event> expected = ReferenceLineReader.readAll(body);

        assertThat(expected).hasSize(5);
        for (int cut = 0; cut <= body.length; cut++) {
            assertThat(pushed(body, List.of(cut == 0 ? body.length : cut, body.length))).as("cut at %d", cut)
                    .isEqualTo(expected);
        }
        assertThat(pushed(body, List.of(1))).isEqualTo(expected);
    }

    @Test
    void aCarriageReturnEndingThePiecesSoFarWaitsToSeeWhetherALineFeedFollows() throws IOException {
        SseParser parser = new SseParser();
        parser.feed(ByteBuffer.wrap(ascii("data: 1\r\r")));
        assertThat(parser.next()).isFalse();

        parser.feed(ByteBuffer.wrap(ascii("\n")));
        assertThat(parser.next()).isTrue();
        assertThat(parser.data()).isEqualTo("1");
        assertThat(parser.next()).isFalse();
        assertThat(parser.finish()).isFalse();
    }

    @Test
    void asciiDataIsReadWithoutACopyAndDoneIsFoundInIt() throws IOException {
        SseParser parser = new SseParser();
        parser.feed(ByteBuffer.wrap(ascii("data: {\"a\":1}\n\ndata:  [DONE] \n\n")));

        assertThat(parser.next()).isTrue();
        assertThat(parser.asciiData()).isTrue();
        assertThat(new String(parser.dataBytes(), 0, parser.dataLength(), StandardCharsets.US_ASCII)).isEqualTo("{\"a\":1}");
        assertThat(parser.done()).isFalse();
        assertThat(parser.next()).isTrue();
        assertThat(parser.done()).isTrue();
    }

    @Test
    void aLineLongerThanABufferGrowsTheBufferAndStaysOneLine() throws IOException {
        String data = "x".repeat(100_000);
        byte[] body = ("data: " + data + "\n\n").getBytes(StandardCharsets.US_ASCII);

        List<ReferenceLineReader.Event> events = pushed(body, List.of(700));

        assertThat(events).containsExactly(new ReferenceLineReader.Event(null, data));
    }

    /** The body fed to the parser in pieces of the given sizes, in turn, from direct buffers as an IO thread has. */
    private static List<ReferenceLineReader.Event> pushed(byte[] body, List<Integer> sizes) throws IOException {
        SseParser parser = new SseParser();
        List<ReferenceLineReader.Event> events = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < body.length; i++) {
            int size = Math.min(sizes.get(i % sizes.size()), body.length - at);
            ByteBuffer piece = ByteBuffer.allocateDirect(size + 3).position(3);
            piece.put(body, at, size).flip().position(3);
            at += size;
            while (piece.hasRemaining()) {
                parser.feed(piece);
                while (parser.next()) {
                    events.add(new ReferenceLineReader.Event(parser.name(), parser.data()));
                }
            }
        }
        if (parser.finish()) {
            events.add(new ReferenceLineReader.Event(parser.name(), parser.data()));
        }
        assertThat(parser.finish()).isFalse();
        return events;
    }

    /** The body read through {@link DataLineReader} from a stream that returns pieces of the given sizes. */
    private static List<ReferenceLineReader.Event> pulled(byte[] body, List<Integer> sizes) throws IOException {
        DataLineReader reader = new DataLineReader(new InputStream() {
            private int at;
            private int turn;

            @Override
            public int read() {
                return at < body.length ? body[at++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= body.length) {
                    return -1;
                }
                int size = Math.min(Math.min(len, sizes.get(turn++ % sizes.size())), body.length - at);
                System.arraycopy(body, at, b, off, size);
                at += size;
                return size;
            }
        });
        List<ReferenceLineReader.Event> events = new ArrayList<>();
        for (DataLineReader.Event event = reader.next(); event != null; event = reader.next()) {
            events.add(new ReferenceLineReader.Event(event.name(), event.data()));
        }
        return events;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
