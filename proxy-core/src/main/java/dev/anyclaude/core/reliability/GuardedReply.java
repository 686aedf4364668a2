package dev.anyclaude.core.reliability;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.StreamEvent;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A backend's reply with the call's deadline and its concurrency slot attached. When {@code timeouts.totalMs}
 * runs out, a watcher (a virtual thread asleep until then) closes the reply, which cancels the upstream request;
 * the reader then gets a timeout naming the backend: a {@link SocketTimeoutException} from a raw body (the proxy
 * writes it as an SSE {@code timeout_error} event) or an {@link AnthropicException} 504 from an event stream. An
 * idle body's timeout is reported the same way. Closing the reply frees the slot, once.
 */
final class GuardedReply {
    private final String backend;
    private final BackendPolicy policy;
    private final Runnable release;
    private final AtomicBoolean expired = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Reply inner;
    private volatile Thread watcher;

    private GuardedReply(String backend, BackendPolicy policy, Runnable release) {
        this.backend = backend;
        this.policy = policy;
        this.release = release;
    }

    /** {@code reply} guarded until {@code deadlineNanos} ({@link Long#MAX_VALUE}: no deadline). */
    static Reply of(Reply reply, String backend, BackendPolicy policy, long deadlineNanos, Runnable release) {
        GuardedReply guard = new GuardedReply(backend, policy, release);
        guard.inner = reply;
        Reply wrapped;
        switch (reply) {
            case Reply.Raw raw -> wrapped = new Reply.Raw(raw.status(), raw.headers(), guard.new Body(raw.body()));
            case Reply.Events events -> wrapped = events.withEvents(guard.new Events(events.events()));
            case Reply.Json json -> {
                guard.close(); // a value is complete already: nothing left to time
                return json;
            }
        }
        if (deadlineNanos != Long.MAX_VALUE) {
            guard.watcher = Thread.ofVirtual().name("anyclaude-deadline-" + backend).start(() -> guard.watch(deadlineNanos));
        }
        return wrapped;
    }

    private void watch(long deadlineNanos) {
        try {
            long left;
            while ((left = deadlineNanos - System.nanoTime()) > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(this, left);
                if (Thread.currentThread().isInterrupted() || closed.get()) {
                    return;
                }
            }
            if (closed.get()) {
                return;
            }
            expired.set(true);
            inner.close();
        } finally {
            Thread.interrupted();
        }
    }

    private String expiredMessage() {
        return LimitWords.expired(backend, policy);
    }

    private void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                inner.close();
            } finally {
                release.run();
                Thread current = watcher;
                if (current != null) {
                    current.interrupt();
                }
            }
        }
    }

    /** A raw body that reports the deadline and idle timeouts with the backend's name. */
    private final class Body extends FilterInputStream {
        Body(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (expired.get()) {
                throw new SocketTimeoutException(expiredMessage());
            }
            try {
                return in.read(buffer, offset, length);
            } catch (IOException e) {
                if (expired.get()) {
                    throw new SocketTimeoutException(expiredMessage());
                }
                if (e instanceof SocketTimeoutException) {
                    throw new SocketTimeoutException(LimitWords.idle(backend, policy));
                }
                throw e;
            }
        }

        @Override
        public void close() {
            GuardedReply.this.close();
        }
    }

    /** An event stream that ends with a 504 {@code timeout_error} once the deadline passed. */
    private final class Events implements EventStream {
        private final EventStream events;

        Events(EventStream events) {
            this.events = events;
        }

        @Override
        public StreamEvent next() {
            if (expired.get()) {
                throw AnthropicException.of(ErrorType.TIMEOUT, expiredMessage());
            }
            StreamEvent event;
            try {
                event = events.next();
            } catch (AnthropicException e) {
                if (expired.get()) {
                    throw AnthropicException.of(ErrorType.TIMEOUT, expiredMessage());
                }
                throw e;
            }
            if (expired.get()) {
                throw AnthropicException.of(ErrorType.TIMEOUT, expiredMessage());
            }
            return event;
        }

        @Override
        public void close() {
            GuardedReply.this.close();
        }
    }
}
