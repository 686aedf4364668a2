package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.StreamEvent;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Finds tool calls printed in an answer's text deltas ({@link TextScanner} with the backend's {@link CallFormat}s)
 * and emits them as {@code tool_use} blocks, re-indexing blocks so the sequence stays well-formed. Push-based: the
 * events go in one at a time ({@link #accept}, then {@link #end}) and the repaired ones go out to a consumer, so
 * the pull wrapper ({@link ToolCallStream}) and the fast path's stage ({@link ToolCallStage}) share it. A call that
 * is not valid stays text. When a call was emitted, {@code stop_reason} becomes {@code tool_use}, unless the answer
 * was cut by {@code max_tokens}.
 *
 * <p>The end of a text block is decided when the event after it shows the stop reason: a call cut off just
 * before its closing brackets is closed only when the model stopped on its own, never after {@code max_tokens}.
 * Text is held back only while it could begin a marker (at most the longest marker minus one char) or while a
 * format needs more of a region; a text delta passed on whole goes out as the same event object.
 *
 * <p>Not thread-safe: one repair serves one answer, fed by one thread at a time.
 */
final class ToolCallRepair implements TextScanner.Sink {
    private final ToolCallParser parser;
    private final Markers markers;
    private final ToolCallSettings.Mode mode;
    private final Consumer<StreamEvent> out;
    private final Map<Integer, Integer> indexMap = new HashMap<>();
    private final StringBuilder pendingBlank = new StringBuilder();
    private TextScanner scanner;
    private int nextIndex;
    private int textUpstreamIndex = -1;
    private int openTextIndex = -1;
    private boolean textEnded;
    private boolean emittedTool;
    /** The text delta being scanned: passed on as it is when its text goes out whole and unchanged. */
    private StreamEvent.ContentBlockDelta current;

    /**
     * @param parser  reads a call against the request's tools
     * @param markers the markers of the backend's formats for those tools
     * @param out     takes the repaired events, in order
     */
    ToolCallRepair(ToolCallParser parser, Markers markers, ToolCallSettings.Mode mode, Consumer<StreamEvent> out) {
        this.parser = parser;
        this.markers = markers;
        this.mode = mode;
        this.out = out;
    }

    /** Takes the answer's next event and emits what it completes (none, it, or more). */
    void accept(StreamEvent event) {
        if (textEnded) {
            finishText(event instanceof StreamEvent.MessageDelta m && !"max_tokens".equals(m.delta().stopReason()));
        }
        switch (event) {
            case StreamEvent.ContentBlockStart s when s.contentBlock() instanceof ContentBlock.Text t
                    && textUpstreamIndex < 0 -> {
                textUpstreamIndex = s.index();
                scanner = new TextScanner(markers, parser, mode, this);
                scanner.append(t.text());
            }
            case StreamEvent.ContentBlockStart s -> {
                int index = nextIndex++;
                indexMap.put(s.index(), index);
                out.accept(new StreamEvent.ContentBlockStart(index, s.contentBlock()));
            }
            case StreamEvent.ContentBlockDelta d when d.index() == textUpstreamIndex
                    && d.delta() instanceof Delta.TextDelta t -> {
                current = d;
                scanner.append(t.text());
                current = null;
            }
            case StreamEvent.ContentBlockDelta d when d.index() == textUpstreamIndex -> {
                flushPendingBlank();
                out.accept(new StreamEvent.ContentBlockDelta(openText(), d.delta()));
            }
            case StreamEvent.ContentBlockDelta d ->
                    out.accept(new StreamEvent.ContentBlockDelta(indexMap.getOrDefault(d.index(), d.index()), d.delta()));
            case StreamEvent.ContentBlockStop s when s.index() == textUpstreamIndex -> textEnded = true;
            case StreamEvent.ContentBlockStop s ->
                    out.accept(new StreamEvent.ContentBlockStop(indexMap.getOrDefault(s.index(), s.index())));
            case StreamEvent.MessageDelta m when emittedTool && !"max_tokens".equals(m.delta().stopReason()) ->
                    out.accept(new StreamEvent.MessageDelta(new StreamEvent.StopInfo("tool_use", null,
                            m.delta().extra()), m.usage()));
            default -> out.accept(event);
        }
    }

    /** The answer's events ended: what is held back of a text block that never stopped goes out as text. */
    void end() {
        if (textUpstreamIndex >= 0) {
            finishText(false);
        }
    }

    private void finishText(boolean closable) {
        textEnded = false;
        textUpstreamIndex = -1;
        scanner.finish(closable);
        if (!emittedTool) {
            flushPendingBlank();
        }
        pendingBlank.setLength(0);
        closeText();
    }

    @Override
    public void text(String text) {
        // Trailing whitespace waits: it is dropped if a tool call follows, so chunking never changes the result.
        String head = text.stripTrailing();
        if (head.isEmpty()) {
            pendingBlank.append(text);
            return;
        }
        String all = pendingBlank.isEmpty() ? head : pendingBlank + head;
        pendingBlank.setLength(0);
        pendingBlank.append(text, head.length(), text.length());
        int index = openText();
        if (current != null && current.index() == index && current.delta() instanceof Delta.TextDelta t
                && t.text() == all) {
            out.accept(current); // the delta went through whole: nothing to copy
        } else {
            out.accept(new StreamEvent.ContentBlockDelta(index, new Delta.TextDelta(all)));
        }
    }

    @Override
    public void piece(CallFormat.Piece piece) {
        closeText();
        int index = nextIndex++;
        switch (piece) {
            case CallFormat.Piece.Call(ParsedCall call) -> {
                pendingBlank.setLength(0);
                out.accept(new StreamEvent.ContentBlockStart(index,
                        new ContentBlock.ToolUse(ToolIds.next(), call.name(), Map.of(), Map.of())));
                out.accept(new StreamEvent.ContentBlockDelta(index,
                        new Delta.InputJsonDelta(ToolCallParser.toJson(call.input()))));
                emittedTool = true;
            }
            case CallFormat.Piece.Thinking(String thinking) -> {
                // No real signature exists; "" keeps the field present, as the SDKs expect of a thinking block.
                out.accept(new StreamEvent.ContentBlockStart(index, new ContentBlock.Thinking("", "", Map.of())));
                out.accept(new StreamEvent.ContentBlockDelta(index, new Delta.ThinkingDelta(thinking)));
            }
        }
        out.accept(new StreamEvent.ContentBlockStop(index));
    }

    private void flushPendingBlank() {
        if (!pendingBlank.isEmpty()) {
            String blank = pendingBlank.toString();
            pendingBlank.setLength(0);
            out.accept(new StreamEvent.ContentBlockDelta(openText(), new Delta.TextDelta(blank)));
        }
    }

    private int openText() {
        if (openTextIndex < 0) {
            openTextIndex = nextIndex++;
            out.accept(new StreamEvent.ContentBlockStart(openTextIndex, new ContentBlock.Text("")));
        }
        return openTextIndex;
    }

    private void closeText() {
        if (openTextIndex >= 0) {
            out.accept(new StreamEvent.ContentBlockStop(openTextIndex));
            openTextIndex = -1;
        }
    }
}
