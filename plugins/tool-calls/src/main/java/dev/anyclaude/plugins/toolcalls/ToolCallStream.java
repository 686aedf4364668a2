package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.StreamEvent;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An event stream that finds tool calls in text deltas ({@code <tool_call>{json}</tool_call>}, Hermes/Qwen, or
 * {@code <tool_call><function=NAME><parameter=P>v</parameter></function></tool_call>}, Qwen3-Coder) and emits
 * them as {@code tool_use} blocks, re-indexing blocks so the sequence stays well-formed. Text is held back only
 * while it could be the start of a marker or is inside an unfinished call; markers inside an open ``` fence are
 * ignored; a call that is not valid stays text. When a call was emitted, {@code stop_reason} becomes
 * {@code tool_use}.
 */
final class ToolCallStream implements EventStream {
    static final String OPEN = "<tool_call>";
    static final String CLOSE = "</tool_call>";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final EventStream upstream;
    private final ToolCallParser parser;
    private final ArrayDeque<StreamEvent> out = new ArrayDeque<>();
    private final Map<Integer, Integer> indexMap = new HashMap<>();
    private final StringBuilder buffer = new StringBuilder();
    private final StringBuilder seen = new StringBuilder();
    private final StringBuilder pendingBlank = new StringBuilder();
    private int nextIndex;
    private int textUpstreamIndex = -1;
    private int openTextIndex = -1;
    private boolean inCall;
    private boolean emittedTool;

    ToolCallStream(EventStream upstream, ToolCallParser parser) {
        this.upstream = upstream;
        this.parser = parser;
    }

    @Override
    public StreamEvent next() {
        while (out.isEmpty()) {
            StreamEvent event = upstream.next();
            if (event == null) {
                return null;
            }
            handle(event);
        }
        return out.poll();
    }

    private void handle(StreamEvent event) {
        switch (event) {
            case StreamEvent.ContentBlockStart s when s.contentBlock() instanceof ContentBlock.Text t -> {
                textUpstreamIndex = s.index();
                append(t.text());
            }
            case StreamEvent.ContentBlockStart s -> {
                int index = nextIndex++;
                indexMap.put(s.index(), index);
                out.add(new StreamEvent.ContentBlockStart(index, s.contentBlock()));
            }
            case StreamEvent.ContentBlockDelta d when d.index() == textUpstreamIndex
                    && d.delta() instanceof Delta.TextDelta t -> append(t.text());
            case StreamEvent.ContentBlockDelta d when d.index() == textUpstreamIndex -> {
                flushPendingBlank();
                out.add(new StreamEvent.ContentBlockDelta(openText(), d.delta()));
            }
            case StreamEvent.ContentBlockDelta d ->
                    out.add(new StreamEvent.ContentBlockDelta(indexMap.getOrDefault(d.index(), d.index()), d.delta()));
            case StreamEvent.ContentBlockStop s when s.index() == textUpstreamIndex -> {
                finishText();
                textUpstreamIndex = -1;
            }
            case StreamEvent.ContentBlockStop s ->
                    out.add(new StreamEvent.ContentBlockStop(indexMap.getOrDefault(s.index(), s.index())));
            case StreamEvent.MessageDelta m when emittedTool && !"max_tokens".equals(m.delta().stopReason()) ->
                    out.add(new StreamEvent.MessageDelta(new StreamEvent.StopInfo("tool_use", null,
                            m.delta().extra()), m.usage()));
            default -> out.add(event);
        }
    }

    private void append(String text) {
        buffer.append(text);
        scan(false);
    }

    /** Moves what can be decided from the buffer to the output; at the end ({@code last}) decides all of it. */
    private void scan(boolean last) {
        while (!buffer.isEmpty()) {
            if (!inCall) {
                int at = findOpen();
                if (at >= 0) {
                    emitText(buffer.substring(0, at));
                    buffer.delete(0, at);
                    inCall = true;
                    continue;
                }
                int keep = last ? 0 : heldTail();
                emitText(buffer.substring(0, buffer.length() - keep));
                buffer.delete(0, buffer.length() - keep);
                return;
            }
            int end = buffer.indexOf(CLOSE);
            if (end < 0) {
                if (last) {
                    emitText(buffer.toString());
                    buffer.setLength(0);
                    inCall = false;
                }
                return;
            }
            String candidate = buffer.substring(0, end + CLOSE.length());
            buffer.delete(0, candidate.length());
            inCall = false;
            Optional<ParsedCall> call = parser.parseBody(candidate.substring(OPEN.length(), end));
            if (call.isPresent()) {
                emitTool(call.get());
                seen.append(candidate);
            } else {
                emitText(candidate);
            }
        }
    }

    /** The first marker in the buffer outside an open ``` fence, or -1. */
    private int findOpen() {
        int from = 0;
        while (true) {
            int at = buffer.indexOf(OPEN, from);
            if (at < 0) {
                return -1;
            }
            if (!Fences.insideFence(seen, buffer, at)) {
                return at;
            }
            from = at + 1;
        }
    }

    /** The length of the longest buffer tail that is a proper prefix of the marker. */
    private int heldTail() {
        for (int n = Math.min(OPEN.length() - 1, buffer.length()); n > 0; n--) {
            if (OPEN.startsWith(buffer.substring(buffer.length() - n))) {
                return n;
            }
        }
        return 0;
    }

    private void emitText(String text) {
        if (text.isEmpty()) {
            return;
        }
        seen.append(text);
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

    private void emitTool(ParsedCall call) {
        pendingBlank.setLength(0);
        closeText();
        int index = nextIndex++;
        out.add(new StreamEvent.ContentBlockStart(index,
                new ContentBlock.ToolUse(newId(), call.name(), Map.of(), Map.of())));
        out.add(new StreamEvent.ContentBlockDelta(index, new Delta.InputJsonDelta(ToolCallParser.toJson(call.input()))));
        out.add(new StreamEvent.ContentBlockStop(index));
        emittedTool = true;
    }

    private void finishText() {
        scan(true);
        if (!emittedTool) {
            flushPendingBlank();
        }
        pendingBlank.setLength(0);
        closeText();
    }

    private static String newId() {
        StringBuilder id = new StringBuilder("toolu_");
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    @Override
    public void close() {
        upstream.close();
    }
}
