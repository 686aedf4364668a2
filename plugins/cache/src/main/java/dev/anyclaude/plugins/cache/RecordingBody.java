package dev.anyclaude.plugins.cache;

import java.io.IOException;
import java.io.InputStream;

/**
 * A raw answer's body that records what the proxy relays, chunk by chunk as it arrives (nothing is held back from
 * the client): the end of the body completes the {@link Recording}; a read failure or a close before the end
 * aborts it.
 */
final class RecordingBody extends InputStream {
    private final InputStream upstream;
    private final Recording recording;

    RecordingBody(InputStream upstream, Recording recording) {
        this.upstream = upstream;
        this.recording = recording;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read;
        try {
            read = upstream.read(buffer, offset, length);
        } catch (IOException | RuntimeException e) {
            recording.abort();
            throw e;
        }
        if (read < 0) {
            recording.complete();
        } else {
            recording.add(buffer, offset, read);
        }
        return read;
    }

    @Override
    public int available() throws IOException {
        return upstream.available();
    }

    @Override
    public void close() throws IOException {
        try {
            upstream.close();
        } finally {
            recording.abort();
        }
    }
}
