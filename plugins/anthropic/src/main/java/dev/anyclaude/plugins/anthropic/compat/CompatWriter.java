package dev.anyclaude.plugins.anthropic.compat;

import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.model.Content;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.InputMessage;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.Tool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Writes a (normalised) request as JSON without the fields an Anthropic-compatible server rejects: the configured
 * top-level fields, and {@code cache_control} markers where Anthropic allows them (top level, system blocks,
 * message blocks and the blocks inside tool results, tools). Markers inside tool inputs and schemas are the
 * user's data and stay. The records are trimmed as records (a copy only of what holds a marker) and written by the
 * proxy's codec, not turned into maps first: on a Claude Code turn the maps were a quarter of the work
 * (docs/benchmarks.md, eleventh round). Thread-safe.
 */
public final class CompatWriter {
    private static final String CACHE_CONTROL = "cache_control";

    private final CompatOptions options;
    private final JsonCodec json;
    private final Set<String> dropped;

    /**
     * @param options which fields to drop; never null
     * @param json    the proxy's codec; never null
     */
    public CompatWriter(CompatOptions options, JsonCodec json) {
        this.options = Objects.requireNonNull(options, "options");
        this.json = Objects.requireNonNull(json, "json");
        this.dropped = Set.copyOf(options.dropFields());
    }

    /** The request as UTF-8 JSON, trimmed. */
    public byte[] write(MessagesRequest request) {
        return json.write(trimmed(request));
    }

    /** The request without the dropped top-level fields and, unless configured otherwise, without markers. */
    MessagesRequest trimmed(MessagesRequest r) {
        boolean strip = options.stripCacheControl();
        Map<String, Object> extra = r.extra();
        if (!extra.isEmpty()) {
            Map<String, Object> kept = new LinkedHashMap<>(extra);
            kept.keySet().removeAll(dropped);
            if (strip) {
                kept.remove(CACHE_CONTROL);
            }
            extra = kept.size() == extra.size() ? extra : kept;
        }
        List<InputMessage> messages = keep("messages", r.messages());
        Content system = keep("system", r.system());
        List<Tool> tools = keep("tools", r.tools());
        if (strip) {
            messages = eachChanged(messages, CompatWriter::withoutMarkers);
            system = withoutMarkers(system);
            tools = eachChanged(tools, CompatWriter::withoutMarker);
        }
        return new MessagesRequest(
                keep("model", r.model()),
                keep("max_tokens", r.maxTokens()),
                messages,
                system,
                keep("stop_sequences", r.stopSequences()),
                keep("temperature", r.temperature()),
                keep("top_p", r.topP()),
                keep("top_k", r.topK()),
                keep("stream", r.stream()),
                tools,
                keep("tool_choice", r.toolChoice()),
                keep("thinking", r.thinking()),
                keep("metadata", r.metadata()),
                keep("service_tier", r.serviceTier()),
                keep("output_config", r.outputConfig()),
                keep("context_management", r.contextManagement()),
                extra);
    }

    private <T> T keep(String name, T value) {
        return dropped.contains(name) ? null : value;
    }

    private static InputMessage withoutMarkers(InputMessage message) {
        Content content = withoutMarkers(message.content());
        return content == message.content() ? message : new InputMessage(message.role(), content, message.extra());
    }

    /** The content with every block's marker removed, tool results' own content included; itself when none had one. */
    private static Content withoutMarkers(Content content) {
        if (content == null) {
            return null;
        }
        List<ContentBlock> blocks = eachChanged(content.blocks(), CompatWriter::withoutMarker);
        return blocks == content.blocks() ? content : new Content(blocks);
    }

    private static ContentBlock withoutMarker(ContentBlock block) {
        return switch (block) {
            case ContentBlock.ToolResult result -> {
                Content content = withoutMarkers(result.content());
                yield content == result.content() && !marked(result.extra()) ? result
                        : new ContentBlock.ToolResult(result.toolUseId(), content, result.isError(),
                                unmarked(result.extra()));
            }
            case ContentBlock.Text text -> marked(text.extra())
                    ? new ContentBlock.Text(text.text(), unmarked(text.extra())) : text;
            case ContentBlock.Image image -> marked(image.extra())
                    ? new ContentBlock.Image(image.source(), unmarked(image.extra())) : image;
            case ContentBlock.Document document -> marked(document.extra())
                    ? new ContentBlock.Document(document.source(), document.title(), document.context(),
                            unmarked(document.extra())) : document;
            case ContentBlock.ToolUse use -> marked(use.extra())
                    ? new ContentBlock.ToolUse(use.id(), use.name(), use.input(), unmarked(use.extra())) : use;
            case ContentBlock.Thinking thinking -> marked(thinking.extra())
                    ? new ContentBlock.Thinking(thinking.thinking(), thinking.signature(), unmarked(thinking.extra()))
                    : thinking;
            case ContentBlock.RedactedThinking redacted -> marked(redacted.extra())
                    ? new ContentBlock.RedactedThinking(redacted.data(), unmarked(redacted.extra())) : redacted;
            case ContentBlock.Unknown unknown -> marked(unknown.fields())
                    ? new ContentBlock.Unknown(unmarked(unknown.fields())) : unknown;
        };
    }

    private static Tool withoutMarker(Tool tool) {
        return marked(tool.extra()) ? new Tool(tool.type(), tool.name(), tool.description(), tool.inputSchema(),
                tool.deferLoading(), unmarked(tool.extra())) : tool;
    }

    private static boolean marked(Map<String, Object> fields) {
        return fields.containsKey(CACHE_CONTROL);
    }

    private static Map<String, Object> unmarked(Map<String, Object> fields) {
        if (!marked(fields)) {
            return fields;
        }
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.remove(CACHE_CONTROL);
        return copy;
    }

    /** The list with {@code change} applied to each item; the same list when no item changed (or it is null). */
    private static <T> List<T> eachChanged(List<T> items, UnaryOperator<T> change) {
        if (items == null) {
            return null;
        }
        List<T> changed = null;
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            T after = change.apply(item);
            if (changed == null && after != item) {
                changed = new ArrayList<>(items.subList(0, i));
            }
            if (changed != null) {
                changed.add(after);
            }
        }
        return changed == null ? items : changed;
    }
}
