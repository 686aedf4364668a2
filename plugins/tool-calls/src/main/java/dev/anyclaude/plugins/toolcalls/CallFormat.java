package dev.anyclaude.plugins.toolcalls;

import java.util.Collection;
import java.util.List;

/**
 * One family of printed tool calls: the markers a region of it starts with, and how to read such a region. The
 * {@link TextScanner} finds the earliest start marker in the text (outside a ``` fence) and asks the formats
 * whose marker it is to read from there; it holds back no more than a tail that could begin a marker.
 *
 * <p>{@link #read} must be a function of the text it is given: it answers {@link Outcome.NeedMore} whenever more
 * text could change its answer, so that the result never depends on how the stream was chunked.
 */
sealed interface CallFormat permits TagFormat, BareFunctionFormat, MistralFormat, LlamaFormat, DeepSeekFormat,
        KimiFormat, HarmonyFormat, FencedJsonFormat {

    /** The strings a region may start with, for the request's tools of these names. */
    List<String> starts(Collection<String> toolNames);

    /**
     * Reads the region at the start of {@code text}, which begins with one of {@link #starts}.
     *
     * @return the region and what it holds, {@link Outcome.NotACall} (the marker is text) or
     * {@link Outcome.NeedMore}; never {@code NeedMore} when {@link Reading#last()}
     */
    Outcome read(String text, Reading reading);

    /** What the scanner knows around a region. */
    record Reading(ToolCallParser parser, ToolCallSettings.Mode mode, boolean atMessageStart, boolean last,
                   boolean closable) {
        /** True when a call-shaped JSON without a marker may be taken here: the whole message, or force mode. */
        boolean bareAllowed() {
            return atMessageStart || mode == ToolCallSettings.Mode.FORCE;
        }

        /** NeedMore, or NotACall once the text is over. */
        Outcome needMore() {
            return last ? Outcome.NotACall.INSTANCE : Outcome.NeedMore.INSTANCE;
        }
    }

    /** A format's answer about a region. */
    sealed interface Outcome {
        /** The region's end is not in the text yet. */
        enum NeedMore implements Outcome { INSTANCE }

        /** The marker does not start a valid call: it is ordinary text. */
        enum NotACall implements Outcome { INSTANCE }

        /**
         * A region of {@code length} chars read as these pieces.
         */
        record Found(int length, List<Piece> pieces) implements Outcome {
            public Found {
                pieces = List.copyOf(pieces);
            }
        }
    }

    /** What a region turns into. */
    sealed interface Piece {
        /** A tool call. */
        record Call(ParsedCall call) implements Piece {
        }

        /** Reasoning (gpt-oss {@code analysis} channel). */
        record Thinking(String text) implements Piece {
        }
    }

    /** Found with these calls, or NotACall when any of them is invalid. */
    static Outcome calls(int length, List<java.util.Optional<ParsedCall>> calls) {
        if (calls.isEmpty() || calls.stream().anyMatch(java.util.Optional::isEmpty)) {
            return Outcome.NotACall.INSTANCE;
        }
        return new Outcome.Found(length, calls.stream().map(c -> (Piece) new Piece.Call(c.get())).toList());
    }
}
