package dev.anyclaude.plugins.toolcalls;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The families of printed tool calls (PROTOCOLS.md 7.1), by the name a {@code "format"} hint uses. */
public enum Family {
    /** {@code <tool_call>{"name":..,"arguments":..}</tool_call>}: Hermes, Qwen2.5, Qwen3. */
    HERMES("hermes"),
    /** {@code <function=NAME><parameter=P>v</parameter></function>}, inside {@code <tool_call>} or bare. */
    QWEN3_CODER("qwen3-coder"),
    /** {@code [TOOL_CALLS] [{..}]} and {@code [TOOL_CALLS]NAME[ARGS]{..}}. */
    MISTRAL("mistral"),
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

    private final String configName;

    Family(String configName) {
        this.configName = configName;
    }

    /** The name in config. */
    public String configName() {
        return configName;
    }

    /**
     * The family of a config name.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Family named(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.configName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("format: must be \"auto\" or one of " + names()
                        + ", not \"" + name + "\""));
    }

    static String names() {
        return Arrays.stream(values()).map(Family::configName).collect(Collectors.joining(", "));
    }
}
