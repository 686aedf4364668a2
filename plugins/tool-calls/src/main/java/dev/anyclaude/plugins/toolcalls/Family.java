package dev.anyclaude.plugins.toolcalls;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The families of printed tool calls (PROTOCOLS.md 7.1), by the name a {@code "format"} hint uses. */
public enum Family {
    /** {@code <tool_call>{"name":..,"arguments":..}</tool_call>}: Hermes, Qwen2.5, Qwen3. */
    HERMES("hermes"),
    /** {@code <function=NAME><parameter=P>v</parameter></function>}, inside {@code <tool_call>} or bare. */
    QWEN3_CODER("qwen3-coder"),
    /** {@code [TOOL_CALLS] [{..}]} and {@code [TOOL_CALLS]NAME[ARGS]{..}}. */
    MISTRAL("mistral"),
    /**
     * The newer Mistral form, {@code [TOOL_CALLS]NAME[ARGS]{..}} (Devstral, Magistral, Ministral 3). Answers are
     * read as {@link #MISTRAL} (both forms); the name matters to the request side's prompt.
     */
    DEVSTRAL("devstral"),
    /** Bare {@code {"name":..,"parameters":..}}, {@code ;}-joined, optionally after {@code <|python_tag|>}. */
    LLAMA("llama"),
    /** {@code <｜tool▁calls▁begin｜>...}, V3, R1 and V3.1. */
    DEEPSEEK("deepseek"),
    /** {@code <tool_call>NAME<arg_key>k</arg_key><arg_value>v</arg_value></tool_call>}: GLM-4.5 and later. */
    GLM("glm"),
    /** {@code <|tool_calls_section_begin|>...}: Kimi K2. */
    KIMI("kimi"),
    /** gpt-oss harmony channels, {@code commentary to=functions.NAME}. */
    HARMONY("harmony"),
    /** A fenced {@code ```json} block holding one call. */
    FENCED_JSON("json");

    /** Other names a config may use, the same as the request side's ({@code toolcalls.request}). */
    private static final Map<String, Family> ALIASES = Map.ofEntries(
            Map.entry("qwen", HERMES), Map.entry("qwen2.5", HERMES), Map.entry("qwen3", HERMES),
            Map.entry("fenced-json", FENCED_JSON),
            Map.entry("qwen3_coder", QWEN3_CODER), Map.entry("qwen3coder", QWEN3_CODER),
            Map.entry("qwen-coder", QWEN3_CODER), Map.entry("qwen_xml", QWEN3_CODER),
            Map.entry("qwen3-xml", QWEN3_CODER), Map.entry("qwen3_xml", QWEN3_CODER),
            Map.entry("mistral-v11", DEVSTRAL), Map.entry("magistral", DEVSTRAL), Map.entry("ministral", DEVSTRAL),
            Map.entry("llama3", LLAMA), Map.entry("llama3_json", LLAMA), Map.entry("llama3-json", LLAMA),
            Map.entry("deepseek-v3", DEEPSEEK), Map.entry("deepseekv3", DEEPSEEK),
            Map.entry("glm4", GLM), Map.entry("glm45", GLM), Map.entry("glm4_moe", GLM), Map.entry("glm47", GLM),
            Map.entry("kimi_k2", KIMI), Map.entry("kimi-k2", KIMI),
            Map.entry("gpt-oss", HARMONY), Map.entry("openai", HARMONY));

    private final String configName;

    Family(String configName) {
        this.configName = configName;
    }

    /** The name in config. */
    public String configName() {
        return configName;
    }

    /**
     * The family of a config name or alias ({@code gpt-oss} for {@code harmony}), case-insensitive.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Family named(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        if (ALIASES.containsKey(wanted)) {
            return ALIASES.get(wanted);
        }
        return Arrays.stream(values()).filter(f -> f.configName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("format: must be \"auto\" or one of " + names()
                        + ", not \"" + name + "\""));
    }

    static String names() {
        return Arrays.stream(values()).map(Family::configName).collect(Collectors.joining(", "));
    }
}
