package dev.anyclaude.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Test helper: reads one SSE frame (up to and including the blank line) at a time from a response body. */
final class FrameReader {

    private final InputStream in;

    FrameReader(InputStream in) {
        this.in = in;
    }

    /** The next frame, exactly as received, or null at a clean end of the body. Blocks until it is complete. */
    String next() throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        int previous = -1;
        int b;
        while ((b = in.read()) != -1) {
            frame.write(b);
            if (b == '\n' && previous == '\n') {
                return frame.toString(StandardCharsets.UTF_8);
            }
            previous = b;
        }
        if (frame.size() > 0) {
            throw new IOException("body ended inside a frame: " + frame.toString(StandardCharsets.UTF_8));
        }
        return null;
    }
}
