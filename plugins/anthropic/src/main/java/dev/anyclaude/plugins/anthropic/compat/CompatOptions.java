package dev.anyclaude.plugins.anthropic.compat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the Anthropic-compatible mode reshapes Claude Code's requests for servers that implement the Messages API
 * but not everything Anthropic added to it (Ollama, LM Studio, llama.cpp, vLLM). Every field is optional in
 * config; {@code null} takes the default shown.
 *
 * <pre>{@code
 * "compat": {"dropFields": ["output_config", "context_management", "service_tier"], "allowedBetas": [],
 *            "adaptiveThinking": "budget", "thinkingBudget": 8192, "stripCacheControl": true,
 *            "deferredTools": "expand", "dropBillingHeader": true, "dropThinking": false}
 * }</pre>
 *
 * @param dropFields        top-level request fields removed before sending; default {@link #DEFAULT_DROP_FIELDS}
 * @param allowedBetas      {@code anthropic-beta} flags kept; default none, so the header is removed; {@code "*"}
 *                          keeps them all
 * @param adaptiveThinking  {@code budget} turns {@code thinking: {"type":"adaptive"}} into {@code enabled} with
 *                          {@code thinkingBudget} tokens (default); {@code drop} removes it
 * @param thinkingBudget    the budget for adaptive thinking; default 8192, lowered below {@code max_tokens} when
 *                          needed, and thinking is dropped when {@code max_tokens} leaves less than 1024
 * @param stripCacheControl remove {@code cache_control} markers (top level, system, message blocks, tools);
 *                          default true
 * @param deferredTools     {@code expand} sends tools marked {@code defer_loading} as ordinary tools (default);
 *                          {@code drop} leaves them out
 * @param dropBillingHeader drop Claude Code's {@code x-anthropic-billing-header:} system block, which changes
 *                          every session and would defeat a local server's prompt-prefix cache; default true
 * @param dropThinking      remove {@code thinking} altogether, for servers or models that refuse it; default false
 */
public record CompatOptions(@JsonProperty("dropFields") List<String> dropFields,
                            @JsonProperty("allowedBetas") List<String> allowedBetas,
                            @JsonProperty("adaptiveThinking") String adaptiveThinking,
                            @JsonProperty("thinkingBudget") Integer thinkingBudget,
                            @JsonProperty("stripCacheControl") Boolean stripCacheControl,
                            @JsonProperty("deferredTools") String deferredTools,
                            @JsonProperty("dropBillingHeader") Boolean dropBillingHeader,
                            @JsonProperty("dropThinking") Boolean dropThinking) {

    /** The fields no server but Anthropic's is known to accept, or that mean nothing elsewhere. */
    public static final List<String> DEFAULT_DROP_FIELDS = List.of("output_config", "context_management",
            "service_tier");

    /** Fills the defaults and checks the enumerated values. */
    public CompatOptions {
        dropFields = dropFields == null ? DEFAULT_DROP_FIELDS : List.copyOf(dropFields);
        allowedBetas = allowedBetas == null ? List.of() : List.copyOf(allowedBetas);
        adaptiveThinking = oneOf("adaptiveThinking", adaptiveThinking, "budget", Set.of("budget", "drop"));
        thinkingBudget = thinkingBudget == null ? 8192 : thinkingBudget;
        if (thinkingBudget < 1024) {
            throw new IllegalArgumentException("thinkingBudget: must be at least 1024");
        }
        stripCacheControl = stripCacheControl == null || stripCacheControl;
        deferredTools = oneOf("deferredTools", deferredTools, "expand", Set.of("expand", "drop"));
        dropBillingHeader = dropBillingHeader == null || dropBillingHeader;
        dropThinking = dropThinking != null && dropThinking;
    }

    /** All defaults. */
    public static CompatOptions defaults() {
        return new CompatOptions(null, null, null, null, null, null, null, null);
    }

    /** True when adaptive thinking becomes {@code enabled} with a budget rather than being dropped. */
    public boolean budgetAdaptiveThinking() {
        return "budget".equals(adaptiveThinking);
    }

    /** True when deferred tools are sent as ordinary tools rather than left out. */
    public boolean expandDeferredTools() {
        return "expand".equals(deferredTools);
    }

    /** True when this {@code anthropic-beta} flag may go upstream. */
    public boolean allowsBeta(String flag) {
        return allowedBetas.contains("*") || allowedBetas.contains(flag);
    }

    private static String oneOf(String field, String value, String fallback, Set<String> allowed) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String lower = value.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) {
            throw new IllegalArgumentException(field + ": must be one of " + allowed.stream().sorted().toList());
        }
        return lower;
    }
}
