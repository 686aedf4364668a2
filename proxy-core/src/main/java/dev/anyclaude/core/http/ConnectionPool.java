package dev.anyclaude.core.http;

import io.undertow.client.ClientConnection;
import org.xnio.IoUtils;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The idle HTTP/1.1 connections to one {@code scheme://host:port}: the most recently used first, at most
 * {@code maxIdle} of them, closed ones dropped. An idle connection keeps reading, so Undertow notices when the server
 * closes it and {@link ClientConnection#isOpen()} turns false. Thread-safe.
 */
final class ConnectionPool implements AutoCloseable {

    private final int maxIdle;
    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<ClientConnection> idle = new ArrayDeque<>();
    private boolean closed;

    ConnectionPool(int maxIdle) {
        this.maxIdle = maxIdle;
    }

    /** An idle open connection, or null when there is none. */
    ClientConnection poll() {
        while (true) {
            ClientConnection connection;
            lock.lock();
            try {
                connection = idle.pollFirst();
            } finally {
                lock.unlock();
            }
            if (connection == null || connection.isOpen()) {
                return connection;
            }
            closeOnIoThread(connection);
        }
    }

    /** Takes back a connection whose exchange is complete; closes it when it is not open or the pool is full. */
    void release(ClientConnection connection) {
        lock.lock();
        try {
            if (!closed && connection.isOpen() && idle.size() < maxIdle) {
                idle.addFirst(connection);
                return;
            }
        } finally {
            lock.unlock();
        }
        closeOnIoThread(connection);
    }

    /** How many connections are idle now. */
    int idleCount() {
        lock.lock();
        try {
            return idle.size();
        } finally {
            lock.unlock();
        }
    }

    /** Closes the idle connections; connections released later are closed too. */
    @Override
    public void close() {
        List<ClientConnection> toClose;
        lock.lock();
        try {
            closed = true;
            toClose = new ArrayList<>(idle);
            idle.clear();
        } finally {
            lock.unlock();
        }
        toClose.forEach(ConnectionPool::closeOnIoThread);
    }

    /**
     * Drops a connection whose exchange is unfinished, at once: Undertow's own {@code close()} would half-close
     * it and wait up to ten seconds for the server to finish first, which a server that is still thinking or
     * streaming never does, so it would go on working for a client that is gone. Closing the socket underneath
     * ends it now; the server sees the connection close.
     */
    static void abortOnIoThread(ClientConnection connection) {
        Runnable abort = () -> {
            try {
                IoUtils.safeClose(connection.performUpgrade());
            } catch (java.io.IOException | RuntimeException alreadyClosing) {
                IoUtils.safeClose(connection);
            }
        };
        try {
            connection.getIoThread().execute(abort);
        } catch (RejectedExecutionException e) {
            abort.run();
        }
    }

    /** Closes a connection on the IO thread that owns it, as Undertow's client expects (or here if it is gone). */
    static void closeOnIoThread(ClientConnection connection) {
        try {
            connection.getIoThread().execute(() -> IoUtils.safeClose(connection));
        } catch (RejectedExecutionException e) {
            IoUtils.safeClose(connection);
        }
    }
}
