package dev.anyclaude.plugins.anthropic.compat;

import dev.anyclaude.api.model.Content;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.InputMessage;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.ThinkingConfig;
import dev.anyclaude.api.model.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reshapes a Messages request, as records, into what Anthropic-compatible servers accept:
 * <ul>
 *   <li>{@code role: "system"} items inside {@code messages} (Claude Code 2.x sends one with its environment) are
 *       appended, in order, to the top-level {@code system} as text blocks; turns of the same role left next to
 *       each other are then merged, as the Anthropic API itself does;</li>
 *   <li>Claude Code's billing line ({@code x-anthropic-billing-header: ...}) leaves the system prompt (option);</li>
 *   <li>{@code thinking}: {@code adaptive} becomes {@code enabled} with a budget below {@code max_tokens}, or is
 *       dropped (option); {@code display} is always dropped; all thinking can be dropped (option);</li>
 *   <li>tools marked {@code defer_loading} are sent as ordinary tools, or left out (option).</li>
 * </ul>
 * Field removal and {@code cache_control} markers are {@link CompatWriter}'s job. Pure and thread-safe.
 */
public final class CompatNormaliser {
    static final String BILLING_PREFIX = "x-anthropic-billing-header:";
    private static final int MIN_BUDGET = 1024;

    private final CompatOptions options;

    /** @param options how to reshape; never null */
    public CompatNormaliser(CompatOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The reshaped request; the input is not changed. */
    public MessagesRequest normalise(MessagesRequest request) {
        List<ContentBlock> system = new ArrayList<>(systemBlocks(request.system()));
        List<InputMessage> turns = new ArrayList<>();
        for (InputMessage message : request.messages() == null ? List.<InputMessage>of() : request.messages()) {
            if (InputMessage.Role.SYSTEM.equals(message.role())) {
                message.content().blocks().stream().filter(ContentBlock.Text.class::isInstance).forEach(system::add);
            } else if (!turns.isEmpty() && turns.getLast().role().equals(message.role())) {
                turns.set(turns.size() - 1, merged(turns.getLast(), message));
            } else {
                turns.add(message);
            }
        }
        if (options.dropBillingHeader()) {
            system.removeIf(b -> b instanceof ContentBlock.Text t && t.text().startsWith(BILLING_PREFIX));
        }
        Content newSystem = system.isEmpty() ? null : new Content(system);
        return new MessagesRequest(request.model(), request.maxTokens(),
                request.messages() == null ? null : turns, newSystem, request.stopSequences(),
                request.temperature(), request.topP(), request.topK(), request.stream(), tools(request.tools()),
                request.toolChoice(), thinking(request.thinking(), request.maxTokens()), request.metadata(),
                request.serviceTier(), request.outputConfig(), request.contextManagement(), request.extra());
    }

    private static List<ContentBlock> systemBlocks(Content system) {
        return system == null ? List.of() : system.blocks();
    }

    private static InputMessage merged(InputMessage first, InputMessage second) {
        List<ContentBlock> blocks = new ArrayList<>(first.content().blocks());
        blocks.addAll(second.content().blocks());
        return new InputMessage(first.role(), new Content(blocks), first.extra());
    }

    private ThinkingConfig thinking(ThinkingConfig thinking, Integer maxTokens) {
        if (options.dropThinking()) {
            return null;
        }
        return switch (thinking) {
            case null -> null;
            case ThinkingConfig.Disabled disabled -> disabled;
            case ThinkingConfig.Enabled enabled -> budgeted(enabled.budgetTokens(), maxTokens);
            case ThinkingConfig.Adaptive adaptive ->
                    options.budgetAdaptiveThinking() ? budgeted(options.thinkingBudget(), maxTokens) : null;
        };
    }

    /** {@code enabled} with the budget lowered below {@code max_tokens}; null when no legal budget fits. */
    private static ThinkingConfig budgeted(int budget, Integer maxTokens) {
        int limited = maxTokens == null ? budget : Math.min(budget, maxTokens - 1);
        return limited < MIN_BUDGET ? null : new ThinkingConfig.Enabled(limited, null);
    }

    private List<Tool> tools(List<Tool> tools) {
        if (tools == null) {
            return null;
        }
        List<Tool> out = new ArrayList<>();
        for (Tool tool : tools) {
            if (!Boolean.TRUE.equals(tool.deferLoading())) {
                out.add(tool.deferLoading() == null ? tool : withoutDeferLoading(tool));
            } else if (options.expandDeferredTools()) {
                out.add(withoutDeferLoading(tool));
            }
        }
        return out;
    }

    private static Tool withoutDeferLoading(Tool tool) {
        return new Tool(tool.type(), tool.name(), tool.description(), tool.inputSchema(), null, tool.extra());
    }
}
