package dev.anyclaude.plugins.toolcalls.request;

import dev.anyclaude.api.model.Content;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.InputMessage;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.Tool;
import dev.anyclaude.api.model.ToolChoice;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The request side of the {@code toolCalls} middleware in {@code force} mode, for a backend without native tool
 * support: takes {@code tools} and {@code tool_choice} out of a Messages request, describes the client tools in
 * the system prompt in one model family's format (appended as a last system block, so the client's system
 * blocks and {@code role:"system"} turns stay as they are), and writes earlier {@code tool_use} and
 * {@code tool_result} blocks as the text that format uses, so a multi-turn tool loop reads naturally to the
 * model. Server tools ({@code web_search_*}) are dropped: nothing could run them.
 *
 * <pre>{@code
 * ToolPromptRewriter rewriter = ToolPromptRewriter.forFormat("qwen3-coder");
 * Call upstream = call.withRequest(rewriter.rewrite(call.request()));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ToolPromptRewriter {
    private static final Pattern NEWER_MISTRAL = Pattern.compile("devstral|magistral|ministral",
            Pattern.CASE_INSENSITIVE);

    private final PromptFormat format;

    private ToolPromptRewriter(PromptFormat format) {
        this.format = Objects.requireNonNull(format, "format");
    }

    /**
     * The rewriter for a format name or alias ({@code hermes}, {@code qwen3-coder}, {@code mistral} (the
     * {@code devstral} form for Devstral, Magistral and Ministral models), {@code devstral}, {@code llama},
     * {@code deepseek}, {@code glm}, {@code kimi}, {@code harmony}, {@code json} for fenced JSON);
     * {@code hermes} for null or blank.
     *
     * @throws IllegalArgumentException naming the known formats when there is no such format
     */
    public static ToolPromptRewriter forFormat(String format) {
        return new ToolPromptRewriter(PromptFormats.named(format));
    }

    /** The canonical name of the format this rewriter writes. */
    public String format() {
        return format.name();
    }

    /** The canonical format names, for docs and error messages. */
    public static List<String> formats() {
        return PromptFormats.names();
    }

    /**
     * The request as a backend without tools should get it: no {@code tools} or {@code tool_choice}, tools in
     * the system prompt, tool history as text. A request with neither tools nor tool history comes back
     * unchanged (the same instance).
     */
    public MessagesRequest rewrite(MessagesRequest request) {
        PromptFormat format = formatFor(request.model());
        List<InputMessage> messages = new HistoryRenderer(format).render(request.messages());
        List<Tool> tools = request.tools() == null ? List.of()
                : request.tools().stream().filter(tool -> tool.isClientTool() && tool.name() != null).toList();
        if (messages == request.messages() && request.tools() == null && request.toolChoice() == null) {
            return request;
        }
        Content system = request.system();
        if (!tools.isEmpty()) {
            system = append(system, format.describe(tools) + choice(request.toolChoice()));
        }
        return new MessagesRequest(request.model(), request.maxTokens(), messages, system, request.stopSequences(),
                request.temperature(), request.topP(), request.topK(), request.stream(), null, null,
                request.thinking(), request.metadata(), request.serviceTier(), request.outputConfig(),
                request.contextManagement(), request.extra());
    }

    /**
     * The format for this model: {@code mistral} means the newer {@code [TOOL_CALLS]NAME[ARGS]} form for the
     * models that print it (Devstral, Magistral, Ministral 3; PROTOCOLS.md 7.1), since the config's format names
     * one family for both.
     */
    private PromptFormat formatFor(String model) {
        return format instanceof MistralPrompt && model != null && NEWER_MISTRAL.matcher(model).find()
                ? PromptFormats.named("devstral") : format;
    }

    private static Content append(Content system, String section) {
        if (system == null) {
            return Content.of(section);
        }
        List<ContentBlock> blocks = new ArrayList<>(system.blocks());
        blocks.add(new ContentBlock.Text(section));
        return new Content(blocks);
    }

    /** What {@code tool_choice} asks for, as a sentence after the tool list. */
    private static String choice(ToolChoice choice) {
        return switch (choice) {
            case null -> "";
            case ToolChoice.Auto auto -> oneAtATime(auto.disableParallelToolUse());
            case ToolChoice.Any any -> "\n\nYou must call at least one function in this answer."
                    + oneAtATime(any.disableParallelToolUse());
            case ToolChoice.Named named -> "\n\nYou must call the function " + named.name() + " in this answer."
                    + oneAtATime(named.disableParallelToolUse());
            case ToolChoice.None none -> "\n\nDo not call any function in this answer.";
        };
    }

    private static String oneAtATime(Boolean disableParallel) {
        return Boolean.TRUE.equals(disableParallel) ? "\n\nCall at most one function per answer." : "";
    }
}
