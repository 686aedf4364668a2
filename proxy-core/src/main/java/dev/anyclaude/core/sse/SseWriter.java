package dev.anyclaude.core.sse;

import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.model.StreamEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes stream events as SSE frames, {@code event: <type>\ndata: <json>\n\n}, and flushes each one so the
 * client sees it as soon as it is written. Every frame carries its {@code event:} line: Claude Code falls back
 * to a non-streaming retry when one is missing.
 */
public final class SseWriter {
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final JsonCodec json;

    public SseWriter(OutputStream out, JsonCodec json) {
        this.out = out;
        this.json = json;
    }

    /** Writes and flushes one frame. */
    public void write(StreamEvent event) throws IOException {
        byte[] data = json.write(event);
        // In pieces: the stream buffers them, so the frame is not assembled in an array of its own first.
        out.write(EVENT);
        out.write(event.type().getBytes(StandardCharsets.UTF_8));
        out.write(DATA);
        out.write(data);
        out.write(END);
        out.flush();
    }

    /** One event as the bytes of its SSE frame. */
    public static byte[] frame(StreamEvent event, JsonCodec json) {
        byte[] type = event.type().getBytes(StandardCharsets.UTF_8);
        byte[] data = json.write(event);
        byte[] frame = new byte[EVENT.length + type.length + DATA.length + data.length + END.length];
        int at = 0;
        System.arraycopy(EVENT, 0, frame, at, EVENT.length);
        at += EVENT.length;
        System.arraycopy(type, 0, frame, at, type.length);
        at += type.length;
        System.arraycopy(DATA, 0, frame, at, DATA.length);
        at += DATA.length;
        System.arraycopy(data, 0, frame, at, data.length);
        at += data.length;
        System.arraycopy(END, 0, frame, at, END.length);
        return frame;
    }
}
