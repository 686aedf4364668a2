package dev.anyclaude.plugins.cache.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A relayed body that keeps a copy of what passes: the client reads it as before, chunk by chunk, and when it
 * ends (or is closed first, or fails) the copy goes to {@code done}, exactly once, with whether it was complete.
 * {@link #close()} may come from another thread than the reads (a client that went away).
 */
final class CapturedBody extends InputStream {
    /** What was read, and whether the body reached its end. */
    record Copy(byte[] bytes, boolean complete) {
    }

    private final InputStream body;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream(8192);
    private final Consumer<Copy> done;
    private final AtomicBoolean finished = new AtomicBoolean();

    CapturedBody(InputStream body, Consumer<Copy> done) {
        this.body = body;
        this.done = done;
    }

    @Override
    public int read() throws IOException {
        int b;
        try {
            b = body.read();
        } catch (IOException e) {
            finish(false);
            throw e;
        }
        if (b < 0) {
            finish(true);
        } else {
            copy.write(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = body.read(buffer, offset, length);
        } catch (IOException e) {
            finish(false);
            throw e;
        }
        if (n < 0) {
            finish(true);
        } else {
            copy.write(buffer, offset, n);
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return body.available();
    }

    @Override
    public void close() throws IOException {
        try {
            body.close();
        } finally {
            finish(false);
        }
    }

    private void finish(boolean complete) {
        if (finished.compareAndSet(false, true)) {
            done.accept(new Copy(copy.toByteArray(), complete));
        }
    }
}
