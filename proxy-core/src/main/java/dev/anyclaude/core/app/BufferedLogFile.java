package dev.anyclaude.core.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The log file, written through logback's buffer instead of one {@code write} per line: a request's line costs its
 * IO thread no system call of its own (about 2 µs each on the benchmark machine, docs/benchmarks.md, seventh round).
 * A warning or an error goes to the file at once, with everything before it; other lines within {@link #DELAY}, and
 * from the moment the JVM exits, each line at once. Only a killed process loses lines: at most the last second's INFO.
 */
final class BufferedLogFile extends RollingFileAppender<ILoggingEvent> {
    static final long DELAY = TimeUnit.SECONDS.toNanos(1);

    private final AtomicBoolean pending = new AtomicBoolean();
    private final Thread atExit = new Thread(this::exiting, "anyclaude-log-flush-at-exit");
    private volatile Thread flusher;

    BufferedLogFile() {
        setImmediateFlush(false);
    }

    @Override
    public void start() {
        super.start();
        if (isStarted()) {
            Runtime.getRuntime().addShutdownHook(atExit);
        }
    }

    @Override
    protected void subAppend(ILoggingEvent event) {
        super.subAppend(event);
        if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
            flush();
        } else if (pending.compareAndSet(false, true)) {
            wakeFlusher();
        }
    }

    /** Writes what the buffer holds to the file. */
    void flush() {
        streamWriteLock.lock();
        try {
            OutputStream out = getOutputStream();
            if (out != null && isStarted()) {
                out.flush();
            }
        } catch (IOException e) {
            addError("could not write the log file", e);
        } finally {
            streamWriteLock.unlock();
        }
    }

    /**
     * The JVM is exiting: what is buffered goes to the file, and so does every line after it at once, since the other
     * shutdown hooks (the proxy's, which drains its calls) run beside this one and may still log.
     */
    private void exiting() {
        streamWriteLock.lock();
        try {
            setImmediateFlush(true);
            flush();
        } finally {
            streamWriteLock.unlock();
        }
    }

    private void wakeFlusher() {
        Thread thread = flusher;
        if (thread == null) {
            synchronized (this) {
                if (flusher == null) {
                    // Started with the first buffered line, not with the process: nothing more to start up.
                    flusher = Thread.ofPlatform().daemon().name("anyclaude-log-flush").start(this::flushLater);
                    return;
                }
                thread = flusher;
            }
        }
        LockSupport.unpark(thread);
    }

    /** Waits for a buffered line, lets others join it for {@link #DELAY}, writes them; again, while started. */
    private void flushLater() {
        while (isStarted()) {
            if (!pending.get()) {
                LockSupport.park(this);
                continue;
            }
            long until = System.nanoTime() + DELAY;
            for (long left = DELAY; left > 0; left = until - System.nanoTime()) {
                LockSupport.parkNanos(this, left);
            }
            pending.set(false);
            flush();
        }
    }

    @Override
    public void stop() {
        super.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(atExit);
        } catch (IllegalStateException | IllegalArgumentException exiting) {
            // stopped by the exit itself, or never started: nothing to take back
        }
        Thread thread = flusher;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }
}
