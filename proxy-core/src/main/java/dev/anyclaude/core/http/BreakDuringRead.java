package dev.anyclaude.core.http;

import java.io.IOException;

/**
 * A failure Undertow reports from inside a read of a response body (it closes a connection that broke under the
 * read and tells the exchange there), kept until that read has handed on the bytes it decoded before the break, so
 * they reach the client ahead of the failure. Used by both upstream clients' body readers; IO thread only.
 */
final class BreakDuringRead {
    private boolean reading;
    private IOException failure;

    /** A read of the body starts. */
    void start() {
        reading = true;
    }

    /** While a read is under way: keeps {@code cause} (the first one) and is true. Otherwise false: report it now. */
    boolean keep(IOException cause) {
        if (!reading) {
            return false;
        }
        if (failure == null) {
            failure = cause;
        }
        return true;
    }

    /** The failure the read under way met so far, or null. */
    IOException met() {
        return failure;
    }

    /** The read is over: the failure it met, else {@code thrown} (what it threw, or null); cleared for the next. */
    IOException end(IOException thrown) {
        IOException met = failure != null ? failure : thrown;
        reading = false;
        failure = null;
        return met;
    }
}
