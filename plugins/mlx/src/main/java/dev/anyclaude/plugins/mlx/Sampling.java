package dev.anyclaude.plugins.mlx;

import dev.anyclaude.api.model.MessagesRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sampling defaults of an {@code mlx} entry. mlx_lm.server reads sampling settings only as top-level request
 * fields, so: {@code temperature}, {@code top_p} and {@code top_k} fill in what the client did not set (the
 * client's own values win and the translation sends them); {@code min_p}, {@code repetition_penalty},
 * {@code repetition_context_size} and {@code seed} have no Anthropic equivalent and go into every request body.
 * Immutable and thread-safe.
 */
public final class Sampling {
    private final MlxConfig config;

    public Sampling(MlxConfig config) {
        this.config = config;
    }

    /** The request with the configured temperature, top_p and top_k where it has none. */
    public MessagesRequest applyTo(MessagesRequest r) {
        if (config.temperature() == null && config.topP() == null && config.topK() == null) {
            return r;
        }
        return new MessagesRequest(r.model(), r.maxTokens(), r.messages(), r.system(), r.stopSequences(),
                r.temperature() != null ? r.temperature() : config.temperature(),
                r.topP() != null ? r.topP() : config.topP(),
                r.topK() != null ? r.topK() : config.topK(),
                r.stream(), r.tools(), r.toolChoice(), r.thinking(), r.metadata(), r.serviceTier(), r.outputConfig(),
                r.contextManagement(), r.extra());
    }

    /** The fields added to every request body, under mlx_lm.server's names. */
    public Map<String, Object> extraBody() {
        Map<String, Object> extra = new LinkedHashMap<>();
        putIfSet(extra, "min_p", config.minP());
        putIfSet(extra, "repetition_penalty", config.repetitionPenalty());
        putIfSet(extra, "repetition_context_size", config.repetitionContextSize());
        putIfSet(extra, "seed", config.seed());
        return Map.copyOf(extra);
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
