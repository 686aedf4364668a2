package dev.anyclaude.plugins.openai.translate;

import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.plugins.openai.translate.AnswerPart.CallPart;
import dev.anyclaude.plugins.openai.translate.AnswerPart.TextPart;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import dev.anyclaude.plugins.openai.wire.ToolCallDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the upstream's reasoning, text and tool-call pieces into Anthropic content blocks that are strictly
 * sequential: one block open at a time, indices 0, 1, 2, ... in order, every delta inside its block.
 *
 * <p>OpenAI streams may interleave (several tool calls at once, text after a call, a call whose id comes late),
 * Anthropic blocks may not. So parts queue up in the order they started; the first unfinished part is the open
 * block and streams live; later parts buffer until it is finished. A text part is finished when anything
 * follows it, a call when its arguments form a whole JSON object and anything follows it. {@link #finishAll}
 * flushes the queue at the end. Not thread-safe.
 */
final class BlockSequencer {
    private final ToolNames names;
    private final IdSource ids;
    private final OpenAiJson json;
    private final ToolCallRouter router = new ToolCallRouter();
    private final List<AnswerPart> parts = new ArrayList<>();
    private int head;
    private int nextIndex;
    private long outputChars;
    private boolean toolUse;

    BlockSequencer(ToolNames names, IdSource ids, OpenAiJson json) {
        this.names = names;
        this.ids = ids;
        this.json = json;
    }

    /** True once a {@code tool_use} block was started. */
    boolean emittedToolUse() {
        return toolUse;
    }

    /** Characters of text, reasoning, tool names and arguments sent so far; for estimating output tokens. */
    long outputChars() {
        return outputChars;
    }

    void text(String text) {
        textPart(false).append(text);
    }

    void thinking(String text) {
        textPart(true).append(text);
    }

    void toolCall(ToolCallDelta fragment) {
        CallPart call = router.find(fragment);
        if (call == null) {
            call = new CallPart(fragment.index());
            call.id = ToolCallRouter.blankToNull(fragment.id());
            parts.add(call);
            router.register(call);
        } else if (call.id == null && ToolCallRouter.blankToNull(fragment.id()) != null) {
            call.id = fragment.id();
            router.learnedId(call);
        }
        if (call.name == null) {
            call.name = ToolCallRouter.blankToNull(fragment.name());
        }
        if (!call.closed) {
            call.arguments.append(fragment.arguments());
        }
    }

    /**
     * Sends what can be sent: opens, feeds and closes blocks as far as the queue allows.
     *
     * @param force true at the end of the answer: every part is finished, calls without id or name get an
     *              invented id or {@link ToolNames#PLACEHOLDER}
     */
    void pump(List<StreamEvent> out, boolean force) {
        while (head < parts.size()) {
            AnswerPart part = parts.get(head);
            boolean later = head < parts.size() - 1;
            if (!part.opened()) {
                if (part instanceof TextPart text && !text.nonBlank) {
                    if (!later && !force) {
                        return;
                    }
                    part.closed = true;
                    head++;
                    continue;
                }
                if (part instanceof CallPart call && !call.ready()) {
                    if (!force) {
                        return;
                    }
                    call.id = call.id != null ? call.id : ids.toolUseId();
                    call.name = call.name != null ? call.name : ToolNames.PLACEHOLDER;
                }
                open(part, out);
            }
            flush(part, out);
            boolean finished = part instanceof TextPart || ((CallPart) part).arguments.complete();
            if (!force && !(later && finished)) {
                return;
            }
            close(part, out);
            head++;
        }
    }

    /** Sends everything that is left, in order. */
    void finishAll(List<StreamEvent> out) {
        pump(out, true);
    }

    /** Closes the open block, if any, for an answer that fails; queued parts are dropped. */
    void closeOpen(List<StreamEvent> out) {
        if (head < parts.size() && parts.get(head).opened()) {
            AnswerPart part = parts.get(head);
            flush(part, out);
            close(part, out);
        }
        head = parts.size();
    }

    private TextPart textPart(boolean thinking) {
        AnswerPart last = parts.isEmpty() ? null : parts.getLast();
        if (last instanceof TextPart text && text.thinking == thinking && !text.closed) {
            return text;
        }
        TextPart text = new TextPart(thinking);
        parts.add(text);
        return text;
    }

    private void open(AnswerPart part, List<StreamEvent> out) {
        part.index = nextIndex++;
        if (part instanceof TextPart text) {
            // Models often put blank lines after their reasoning; a block never starts with them on Anthropic.
            int start = 0;
            while (start < text.unsent.length() && (text.unsent.charAt(start) == '\n' || text.unsent.charAt(start) == '\r')) {
                start++;
            }
            text.unsent.delete(0, start);
        }
        ContentBlock block = switch (part) {
            // No real signature exists; "" keeps the field present, as the SDKs expect of a thinking block.
            case TextPart text when text.thinking -> new ContentBlock.Thinking("", "", Map.of());
            case TextPart text -> new ContentBlock.Text("");
            case CallPart call -> {
                toolUse = true;
                String name = names.client(call.name);
                outputChars += name.length();
                yield new ContentBlock.ToolUse(call.id, name, Map.of(), Map.of());
            }
        };
        out.add(new StreamEvent.ContentBlockStart(part.index, block));
    }

    private void flush(AnswerPart part, List<StreamEvent> out) {
        switch (part) {
            case TextPart text -> {
                if (!text.unsent.isEmpty()) {
                    String piece = text.unsent.toString();
                    text.unsent.setLength(0);
                    outputChars += piece.length();
                    out.add(new StreamEvent.ContentBlockDelta(part.index, text.thinking
                            ? new Delta.ThinkingDelta(piece) : new Delta.TextDelta(piece)));
                }
            }
            case CallPart call -> arguments(call, call.arguments.drain(), out);
        }
    }

    private void close(AnswerPart part, List<StreamEvent> out) {
        if (part instanceof CallPart call) {
            arguments(call, call.arguments.finish(json), out);
        }
        part.closed = true;
        out.add(new StreamEvent.ContentBlockStop(part.index));
    }

    private void arguments(CallPart call, String piece, List<StreamEvent> out) {
        if (!piece.isEmpty()) {
            outputChars += piece.length();
            out.add(new StreamEvent.ContentBlockDelta(call.index, new Delta.InputJsonDelta(piece)));
        }
    }
}
