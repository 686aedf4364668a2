package dev.anyclaude.plugins.cache;

import java.util.Arrays;
import java.util.Objects;

/**
 * One cached answer, kept in the form it was stored from: the SSE bytes of a streamed answer (every frame, from
 * {@code message_start} to {@code message_stop}) or the JSON bytes of a whole message. Either form is served to
 * either kind of client: a hit converts when the client asked for the other form.
 *
 * <p>A final class, not a record: Ehcache's heap sizing ({@code heapMb}) measures values through
 * {@code Unsafe.objectFieldOffset}, which the JDK refuses for record fields.
 *
 * <p>Only complete, successful answers become a {@code StoredAnswer}: never an error, a cut stream or (unless
 * configured) an answer that hit {@code max_tokens}.
 *
 */
public final class StoredAnswer {
    private final Form form;
    private final byte[] body;
    private final long storedAtMillis;

    /** The wire form of a stored answer. */
    public enum Form {
        /** {@code text/event-stream}: {@code event:}/{@code data:} frames. */
        SSE("text/event-stream"),
        /** {@code application/json}: one {@code {"type":"message",...}}. */
        JSON("application/json");

        private final String contentType;

        Form(String contentType) {
            this.contentType = contentType;
        }

        /** The content type this form is served with. */
        public String contentType() {
            return contentType;
        }
    }

    /**
     * @param form           SSE or JSON
     * @param body           the exact bytes, UTF-8; never empty; shared, not copied: never modify it
     * @param storedAtMillis when it was stored (epoch milliseconds)
     */
    public StoredAnswer(Form form, byte[] body, long storedAtMillis) {
        this.form = Objects.requireNonNull(form, "form");
        this.body = Objects.requireNonNull(body, "body");
        if (body.length == 0) {
            throw new IllegalArgumentException("a stored answer has a body");
        }
        this.storedAtMillis = storedAtMillis;
    }

    /** SSE or JSON. */
    public Form form() {
        return form;
    }

    /** The exact bytes; shared, not copied: never modify them. */
    public byte[] body() {
        return body;
    }

    /** When it was stored (epoch milliseconds). */
    public long storedAtMillis() {
        return storedAtMillis;
    }

    /** The form a client asking for a stream ({@code streaming}) or not is served in without converting. */
    public static Form formFor(boolean streaming) {
        return streaming ? Form.SSE : Form.JSON;
    }

    /** The size of the body in bytes. */
    public int size() {
        return body.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredAnswer answer && form == answer.form && storedAtMillis == answer.storedAtMillis
                && Arrays.equals(body, answer.body);
    }

    @Override
    public int hashCode() {
        return 31 * form.hashCode() + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "StoredAnswer[" + form + ", " + body.length + " bytes, stored at " + storedAtMillis + "]";
    }
}
