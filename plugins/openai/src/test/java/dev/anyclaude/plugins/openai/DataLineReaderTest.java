package dev.anyclaude.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataLineReaderTest {

    private static List<DataLineReader.Event> read(InputStream in) throws IOException {
        DataLineReader reader = new DataLineReader(in);
        List<DataLineReader.Event> events = new ArrayList<>();
        DataLineReader.Event event;
        while ((event = reader.next()) != null) {
            events.add(event);
        }
        return events;
    }

    private static List<DataLineReader.Event> read(String body) throws IOException {
        return read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void dataLinesBecomeEventsAndCommentsAreSkipped() throws IOException {
        assertThat(read(": keepalive 1/10\n\ndata: {\"a\":1}\n\n: OPENROUTER PROCESSING\n\ndata: [DONE]\n\n"))
                .containsExactly(new DataLineReader.Event(null, "{\"a\":1}"), new DataLineReader.Event(null, "[DONE]"));
    }

    @Test
    void crlfAndMultiLineDataAndEventNamesAreRead() throws IOException {
        assertThat(read("event: error\r\ndata: {\"x\":\r\ndata: 2}\r\n\r\ndata:{\"y\":3}\r\n\r\n"))
                .containsExactly(new DataLineReader.Event("error", "{\"x\":\n2}"), new DataLineReader.Event(null, "{\"y\":3}"));
    }

    @Test
    void oldLlamaCppErrorLinesAreErrorEvents() throws IOException {
        assertThat(read("data: {\"a\":1}\n\nerror: {\"message\":\"boom\"}\n\ndata: [DONE]\n\n"))
                .containsExactly(new DataLineReader.Event(null, "{\"a\":1}"), new DataLineReader.Event("error", "{\"message\":\"boom\"}"),
                        new DataLineReader.Event(null, "[DONE]"));
    }

    @Test
    void aLastEventWithoutItsBlankLineIsStillReturned() throws IOException {
        assertThat(read("data: {\"a\":1}")).containsExactly(new DataLineReader.Event(null, "{\"a\":1}"));
    }

    @Test
    void eventsSplitAcrossReadsAtEveryByteAreReassembled() throws IOException {
        String body = "data: {\"t\":\"héllo\"}\r\n\r\ndata: [DONE]\n\n";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        InputStream oneByteAtATime = new InputStream() {
            private int next;

            @Override
            public int read() {
                return next < bytes.length ? bytes[next++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (next >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[next++];
                return 1;
            }
        };
        assertThat(read(oneByteAtATime)).containsExactly(new DataLineReader.Event(null, "{\"t\":\"héllo\"}"),
                new DataLineReader.Event(null, "[DONE]"));
    }
}
