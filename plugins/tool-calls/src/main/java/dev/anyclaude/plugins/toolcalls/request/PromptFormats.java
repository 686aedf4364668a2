package dev.anyclaude.plugins.toolcalls.request;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The prompt formats by config name and alias; {@code hermes} when none is named. */
final class PromptFormats {
    static final String DEFAULT = "hermes";

    private static final List<PromptFormat> FORMATS = List.of(new HermesPrompt(), new QwenCoderPrompt(),
            new MistralPrompt(), new DevstralPrompt(), new LlamaPrompt(), new DeepSeekPrompt(), new GlmPrompt(),
            new KimiPrompt(), new HarmonyPrompt(), new FencedJsonPrompt());
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("qwen", "hermes"), Map.entry("qwen2.5", "hermes"), Map.entry("qwen3", "hermes"),
            Map.entry("fenced-json", "json"),
            Map.entry("qwen3_coder", "qwen3-coder"), Map.entry("qwen3coder", "qwen3-coder"),
            Map.entry("qwen-coder", "qwen3-coder"), Map.entry("qwen_xml", "qwen3-coder"),
            Map.entry("qwen3-xml", "qwen3-coder"), Map.entry("qwen3_xml", "qwen3-coder"),
            Map.entry("mistral-v11", "devstral"), Map.entry("magistral", "devstral"),
            Map.entry("ministral", "devstral"),
            Map.entry("llama3", "llama"), Map.entry("llama3_json", "llama"), Map.entry("llama3-json", "llama"),
            Map.entry("deepseek-v3", "deepseek"), Map.entry("deepseekv3", "deepseek"),
            Map.entry("glm4", "glm"), Map.entry("glm45", "glm"), Map.entry("glm4_moe", "glm"),
            Map.entry("glm47", "glm"),
            Map.entry("kimi_k2", "kimi"), Map.entry("kimi-k2", "kimi"),
            Map.entry("gpt-oss", "harmony"), Map.entry("openai", "harmony"));

    private PromptFormats() {
    }

    /**
     * The format of this name or alias, case-insensitive; {@code hermes} for null or blank.
     *
     * @throws IllegalArgumentException naming the known formats when there is no such format
     */
    static PromptFormat named(String name) {
        if (name == null || name.isBlank()) {
            return named(DEFAULT);
        }
        String key = name.strip().toLowerCase(Locale.ROOT);
        String canonical = ALIASES.getOrDefault(key, key);
        for (PromptFormat format : FORMATS) {
            if (format.name().equals(canonical)) {
                return format;
            }
        }
        throw new IllegalArgumentException("format: must be one of " + String.join(", ", names()) + ", not \""
                + name + "\"");
    }

    /** The canonical names, in order. */
    static List<String> names() {
        return FORMATS.stream().map(PromptFormat::name).toList();
    }

    /** Every alias with the canonical name it stands for. */
    static Map<String, String> aliases() {
        return new LinkedHashMap<>(ALIASES);
    }
}
