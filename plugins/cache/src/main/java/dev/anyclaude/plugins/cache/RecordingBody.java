package dev.anyclaude.plugins.cache;

import java.io.IOException;
import java.io.InputStream;

/**
 * A raw answer's body that records what the proxy relays, chunk by chunk as it arrives (nothing is held back from
 * the client): the end of the body completes the {@link Recording}; a read failure or a close before the end
 * aborts it. A body of known length completes as soon as its last byte is read, before the proxy writes it, so
 * a client that has the whole answer can count on it being stored.
 */
final class RecordingBody extends InputStream {
    private final InputStream upstream;
    private final Recording recording;
    private final long expectedLength;
    private long seen;

    /** @param expectedLength the body's {@code content-length}, or -1 when unknown */
    RecordingBody(InputStream upstream, Recording recording, long expectedLength) {
        this.upstream = upstream;
        this.recording = recording;
        this.expectedLength = expectedLength;
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
            seen += read;
            if (seen == expectedLength) {
                recording.complete();
            }
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
