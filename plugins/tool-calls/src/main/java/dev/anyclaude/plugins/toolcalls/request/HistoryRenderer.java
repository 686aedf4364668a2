package dev.anyclaude.plugins.toolcalls.request;

import dev.anyclaude.api.model.Content;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.InputMessage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the tool traffic of a conversation as text in one format: each assistant turn's {@code tool_use}
 * blocks become the text the model would have printed (after that turn's own text), and each run of
 * {@code tool_result} blocks in a user turn becomes one text block (images inside a result follow it). Turns
 * without tool blocks, {@code system} turns and every other block are kept as they are. Not thread-safe: one
 * instance per request.
 */
final class HistoryRenderer {
    private final PromptFormat format;
    private final Map<String, PrintedCall> calls = new HashMap<>();
    private int nextNumber;

    HistoryRenderer(PromptFormat format) {
        this.format = format;
    }

    /** The messages with tool blocks written as text; the same list when there are none. */
    List<InputMessage> render(List<InputMessage> messages) {
        boolean changed = false;
        List<InputMessage> out = new ArrayList<>(messages.size());
        for (InputMessage message : messages) {
            InputMessage rendered = switch (message.role()) {
                case InputMessage.Role.ASSISTANT -> assistant(message);
                case InputMessage.Role.USER -> user(message);
                default -> message;
            };
            changed |= rendered != message;
            out.add(rendered);
        }
        return changed ? out : messages;
    }

    private InputMessage assistant(InputMessage message) {
        if (message.content().blocks().stream().noneMatch(ContentBlock.ToolUse.class::isInstance)) {
            return message;
        }
        List<ContentBlock> blocks = new ArrayList<>();
        List<String> text = new ArrayList<>();
        List<PrintedCall> pending = new ArrayList<>();
        for (ContentBlock block : message.content().blocks()) {
            switch (block) {
                case ContentBlock.ToolUse use -> pending.add(number(use));
                case ContentBlock.Text t -> {
                    flushCalls(pending, text);
                    if (!t.text().isBlank()) {
                        text.add(t.text());
                    }
                }
                default -> {
                    flushCalls(pending, text);
                    flushText(text, blocks);
                    blocks.add(block);
                }
            }
        }
        flushCalls(pending, text);
        flushText(text, blocks);
        return new InputMessage(message.role(), new Content(blocks), message.extra());
    }

    private PrintedCall number(ContentBlock.ToolUse use) {
        PrintedCall call = new PrintedCall(nextNumber++, use.id(), use.name(), use.input());
        calls.put(use.id(), call);
        return call;
    }

    private void flushCalls(List<PrintedCall> pending, List<String> text) {
        if (!pending.isEmpty()) {
            text.add(format.calls(List.copyOf(pending)));
            pending.clear();
        }
    }

    private static void flushText(List<String> text, List<ContentBlock> blocks) {
        if (!text.isEmpty()) {
            blocks.add(new ContentBlock.Text(String.join("\n", text)));
            text.clear();
        }
    }

    private InputMessage user(InputMessage message) {
        if (message.content().blocks().stream().noneMatch(ContentBlock.ToolResult.class::isInstance)) {
            return message;
        }
        List<ContentBlock> blocks = new ArrayList<>();
        List<PrintedResult> run = new ArrayList<>();
        List<ContentBlock> attachments = new ArrayList<>();
        for (ContentBlock block : message.content().blocks()) {
            if (block instanceof ContentBlock.ToolResult result) {
                run.add(printed(result, attachments));
            } else {
                flushResults(run, attachments, blocks);
                blocks.add(block);
            }
        }
        flushResults(run, attachments, blocks);
        return new InputMessage(message.role(), new Content(blocks), message.extra());
    }

    private PrintedResult printed(ContentBlock.ToolResult result, List<ContentBlock> attachments) {
        PrintedCall call = calls.computeIfAbsent(result.toolUseId(),
                id -> new PrintedCall(nextNumber++, id, "tool", Map.of()));
        List<String> text = new ArrayList<>();
        for (ContentBlock block : result.content() == null ? List.<ContentBlock>of() : result.content().blocks()) {
            switch (block) {
                case ContentBlock.Text t -> text.add(t.text());
                case ContentBlock.Image image -> attachments.add(image);
                case ContentBlock.Document document -> attachments.add(document);
                // e.g. Claude Code's tool_reference blocks from its tool search: the model reads them as JSON
                case ContentBlock.Unknown unknown -> text.add(ToolJson.write(unknown.fields()));
                default -> { }
            }
        }
        return new PrintedResult(call, String.join("\n", text), result.failed());
    }

    private void flushResults(List<PrintedResult> run, List<ContentBlock> attachments, List<ContentBlock> blocks) {
        if (!run.isEmpty()) {
            blocks.add(new ContentBlock.Text(format.results(List.copyOf(run))));
            blocks.addAll(attachments);
            run.clear();
            attachments.clear();
        }
    }
}
