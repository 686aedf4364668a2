package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.StreamEvent;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An event stream that finds tool calls printed in text deltas ({@link TextScanner} with the backend's
 * {@link CallFormat}s) and emits them as {@code tool_use} blocks, re-indexing blocks so the sequence stays
 * well-formed. A call that is not valid stays text. When a call was emitted, {@code stop_reason} becomes
 * {@code tool_use}, unless the answer was cut by {@code max_tokens}.
 *
 * <p>The end of a text block is decided when the event after it shows the stop reason: a call cut off just
 * before its closing brackets is closed only when the model stopped on its own, never after {@code max_tokens}.
 */
final class ToolCallStream implements EventStream, TextScanner.Sink {
    private final EventStream upstream;
    private final ToolCallParser parser;
    private final List<CallFormat> formats;
    private final ToolCallSettings.Mode mode;
    private final ArrayDeque<StreamEvent> out = new ArrayDeque<>();
    private final Map<Integer, Integer> indexMap = new HashMap<>();
    private final StringBuilder pendingBlank = new StringBuilder();
    private TextScanner scanner;
    private int nextIndex;
    private int textUpstreamIndex = -1;
    private int openTextIndex = -1;
    private boolean textEnded;
    private boolean emittedTool;
    private boolean upstreamDone;

    ToolCallStream(EventStream upstream, ToolCallParser parser, List<CallFormat> formats, ToolCallSettings.Mode mode) {
        this.upstream = upstream;
        this.parser = parser;
        this.formats = List.copyOf(formats);
        this.mode = mode;
    }

    @Override
    public StreamEvent next() {
        while (out.isEmpty()) {
            if (upstreamDone) {
                return null;
            }
            StreamEvent event = upstream.next();
            if (event == null) {
                upstreamDone = true;
                if (textUpstreamIndex >= 0) {
                    finishText(false); // the stream broke off: what is held back is text
                }
            } else {
                handle(event);
            }
        }
        return out.poll();
    }

    private void handle(StreamEvent event) {
        if (textEnded) {
            finishText(event instanceof StreamEvent.MessageDelta m && !"max_tokens".equals(m.delta().stopReason()));
        }
        switch (event) {
            case StreamEvent.ContentBlockStart s when s.contentBlock() instanceof ContentBlock.Text t
                    && textUpstreamIndex < 0 -> {
                textUpstreamIndex = s.index();
                scanner = new TextScanner(formats, parser, mode, this);
                scanner.append(t.text());
            }
            case StreamEvent.ContentBlockStart s -> {
                int index = nextIndex++;
                indexMap.put(s.index(), index);
                out.add(new StreamEvent.ContentBlockStart(index, s.contentBlock()));
            }
            case StreamEvent.ContentBlockDelta d when d.index() == textUpstreamIndex
                    && d.delta() instanceof Delta.TextDelta t -> scanner.append(t.text());
            case StreamEvent.ContentBlockDelta d when d.index() == textUpstreamIndex -> {
                flushPendingBlank();
                out.add(new StreamEvent.ContentBlockDelta(openText(), d.delta()));
            }
            case StreamEvent.ContentBlockDelta d ->
                    out.add(new StreamEvent.ContentBlockDelta(indexMap.getOrDefault(d.index(), d.index()), d.delta()));
            case StreamEvent.ContentBlockStop s when s.index() == textUpstreamIndex -> textEnded = true;
            case StreamEvent.ContentBlockStop s ->
                    out.add(new StreamEvent.ContentBlockStop(indexMap.getOrDefault(s.index(), s.index())));
            case StreamEvent.MessageDelta m when emittedTool && !"max_tokens".equals(m.delta().stopReason()) ->
                    out.add(new StreamEvent.MessageDelta(new StreamEvent.StopInfo("tool_use", null,
                            m.delta().extra()), m.usage()));
            default -> out.add(event);
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
        String all = pendingBlank + head;
        pendingBlank.setLength(0);
        pendingBlank.append(text, head.length(), text.length());
        out.add(new StreamEvent.ContentBlockDelta(openText(), new Delta.TextDelta(all)));
    }

    @Override
    public void piece(CallFormat.Piece piece) {
        closeText();
        int index = nextIndex++;
        switch (piece) {
            case CallFormat.Piece.Call(ParsedCall call) -> {
                pendingBlank.setLength(0);
                out.add(new StreamEvent.ContentBlockStart(index,
                        new ContentBlock.ToolUse(ToolIds.next(), call.name(), Map.of(), Map.of())));
                out.add(new StreamEvent.ContentBlockDelta(index,
                        new Delta.InputJsonDelta(ToolCallParser.toJson(call.input()))));
                emittedTool = true;
            }
            case CallFormat.Piece.Thinking(String thinking) -> {
                // No real signature exists; "" keeps the field present, as the SDKs expect of a thinking block.
                out.add(new StreamEvent.ContentBlockStart(index, new ContentBlock.Thinking("", "", Map.of())));
                out.add(new StreamEvent.ContentBlockDelta(index, new Delta.ThinkingDelta(thinking)));
            }
        }
        out.add(new StreamEvent.ContentBlockStop(index));
    }

    private void flushPendingBlank() {
        if (!pendingBlank.isEmpty()) {
            String blank = pendingBlank.toString();
            pendingBlank.setLength(0);
            out.add(new StreamEvent.ContentBlockDelta(openText(), new Delta.TextDelta(blank)));
        }
    }

    private int openText() {
        if (openTextIndex < 0) {
            openTextIndex = nextIndex++;
            out.add(new StreamEvent.ContentBlockStart(openTextIndex, new ContentBlock.Text("")));
        }
        return openTextIndex;
    }

    private void closeText() {
        if (openTextIndex >= 0) {
            out.add(new StreamEvent.ContentBlockStop(openTextIndex));
            openTextIndex = -1;
        }
    }

    @Override
    public void close() {
        upstream.close();
    }
}
