package dev.anyclaude.plugins.toolcalls;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a model's text, fed in chunks, into ordinary text and the regions the {@link CallFormat}s read as calls.
 * Generic over start markers: it holds back at most a tail that could begin a marker (the longest marker minus
 * one char), or a region whose format needs more text to decide; everything before is passed on at once.
 * Markers inside an open ``` fence are ignored. The result does not depend on how the text was chunked.
 *
 * <p>Not thread-safe: one scanner serves one stream.
 */
final class TextScanner {

    /** Where the scanner's decisions go. */
    interface Sink {
        /** Ordinary text, in order. */
        void text(String text);

        /** What a region turned into. */
        void piece(CallFormat.Piece piece);
    }

    private final Markers markers;
    private final List<Markers.Start> starts;
    private final ToolCallParser parser;
    private final ToolCallSettings.Mode mode;
    private final Sink sink;
    private final StringBuilder buffer = new StringBuilder();
    private final FenceTracker fences = new FenceTracker();
    private boolean blankSoFar = true;
    /** The buffer starts with a region whose format asked for more text: no need to look for markers again. */
    private boolean inRegion;
    /** The buffer's length when the region was last read. */
    private int readLength;
    /** The chunk the buffer holds exactly (it was empty before the chunk came), or null: emitted without a copy. */
    private String lone;
    private static final int LONG_REGION = 1024;
    /** The last chars of every end marker and of JSON: a chunk without them cannot end a region. */
    private static final String CLOSERS = ">}]|｜`";

    TextScanner(Markers markers, ToolCallParser parser, ToolCallSettings.Mode mode, Sink sink) {
        this.markers = markers;
        this.starts = markers.starts();
        this.parser = parser;
        this.mode = mode;
        this.sink = sink;
    }

    /** Takes the next chunk and passes on what can be decided. */
    void append(String text) {
        lone = buffer.isEmpty() ? text : null;
        buffer.append(text);
        if (inRegion && !worthReading(text)) {
            return;
        }
        scan(false, false);
    }

    /**
     * Whether a region that asked for more text is read again now. A long region (a file's content in a call) is
     * re-read only when the chunk may close it or the region grew by an eighth, so its cost stays linear. Formats
     * give the same answer for any longer text once they decided, so a later read decides the same.
     */
    private boolean worthReading(String chunk) {
        if (buffer.length() < LONG_REGION || buffer.length() - readLength >= buffer.length() / 8) {
            return true;
        }
        for (int i = 0; i < chunk.length(); i++) {
            if (CLOSERS.indexOf(chunk.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decides everything left: the text is over.
     *
     * @param closable true when the stream ended normally, so a call cut off just before its closing brackets
     *                 may be closed; false after {@code max_tokens}, where a cut-off call stays text
     */
    void finish(boolean closable) {
        scan(true, closable);
    }

    /** True when text is held back. */
    boolean holding() {
        return !buffer.isEmpty();
    }

    private void scan(boolean last, boolean closable) {
        while (!buffer.isEmpty()) {
            if (!inRegion) {
                int held = last ? buffer.length() : heldStart();
                int at = earliestMarker(held);
                if (at < 0) {
                    emit(held);
                    return;
                }
                emit(at);
            }
            inRegion = false;
            String text = buffer.toString();
            CallFormat.Reading reading = new CallFormat.Reading(parser, mode, blankSoFar, last, closable);
            CallFormat.Outcome outcome = CallFormat.Outcome.NotACall.INSTANCE;
            List<CallFormat> tried = new ArrayList<>();
            for (Markers.Start start : starts) {
                if (!text.startsWith(start.marker()) || tried.contains(start.format())) {
                    continue;
                }
                tried.add(start.format());
                outcome = start.format().read(text, reading);
                if (!(outcome instanceof CallFormat.Outcome.NotACall)) {
                    break;
                }
            }
            switch (outcome) {
                case CallFormat.Outcome.NeedMore needMore -> {
                    inRegion = true;
                    readLength = buffer.length();
                    return;
                }
                case CallFormat.Outcome.NotACall notACall -> emit(1);
                case CallFormat.Outcome.Found found -> {
                    lone = null;
                    fences.feed(buffer, 0, found.length());
                    buffer.delete(0, found.length());
                    blankSoFar = false;
                    found.pieces().forEach(sink::piece);
                }
            }
        }
    }

    /** The first complete marker before {@code limit} that is not inside a fence, or -1. */
    private int earliestMarker(int limit) {
        int length = buffer.length();
        for (int at = 0; at < limit; at++) {
            for (Markers.Start start : markers.beginningWith(buffer.charAt(at))) {
                String marker = start.marker();
                if (at + marker.length() <= length && startsAt(at, marker, marker.length())) {
                    if (!fences.insideAt(buffer, at)) {
                        return at;
                    }
                    break; // inside a fence for every marker here
                }
            }
        }
        return -1;
    }

    /** Where the longest tail that is a proper prefix of a marker starts (the buffer's length when none). */
    private int heldStart() {
        int length = buffer.length();
        for (int i = Math.max(0, length - markers.longest() + 1); i < length; i++) {
            for (Markers.Start start : markers.beginningWith(buffer.charAt(i))) {
                String marker = start.marker();
                int tail = length - i;
                if (tail < marker.length() && startsAt(i, marker, tail)) {
                    return i;
                }
            }
        }
        return length;
    }

    private boolean startsAt(int at, String marker, int count) {
        for (int k = 0; k < count; k++) {
            if (buffer.charAt(at + k) != marker.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private void emit(int count) {
        if (count <= 0) {
            return;
        }
        String text = lone != null && count == buffer.length() ? lone : buffer.substring(0, count);
        lone = null;
        fences.feed(text, 0, count);
        buffer.delete(0, count);
        if (blankSoFar && !text.isBlank()) {
            blankSoFar = false;
        }
        sink.text(text);
    }
}
