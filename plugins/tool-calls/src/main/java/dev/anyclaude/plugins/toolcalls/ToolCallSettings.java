package dev.anyclaude.plugins.toolcalls;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code toolCalls} setting of one backend, parsed: {@code "off" | "auto" | "force"}, {@code true}/{@code false},
 * or an object {@code {"mode": "auto", "format": "hermes"}}. The top-level {@code "toolCalls"} block gives the
 * defaults that a backend's own value overrides.
 *
 * @param mode   how eagerly printed calls are parsed
 * @param format the one format family to look for, or empty for all of them
 */
public record ToolCallSettings(Mode mode, Optional<Family> format) {

    /** How eagerly printed calls are parsed. */
    public enum Mode {
        /** Never: text passes unchanged. */
        OFF,
        /** Markers anywhere; bare or fenced JSON only when it is the whole message. */
        AUTO,
        /**
         * The backend has no native tool support: also bare and fenced JSON calls inside a longer answer. The
         * request side (tools described in the prompt) is the job of {@code toolcalls.request}.
         */
        FORCE
    }

    /** The settings of a backend that says nothing: {@code auto}, every format. */
    public static final ToolCallSettings AUTO = new ToolCallSettings(Mode.AUTO, Optional.empty());

    public ToolCallSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(format, "format");
    }

    /**
     * Reads a backend's value over the top-level block's.
     *
     * @param backendValue the backend entry's {@code toolCalls} value (string, boolean, map) or null
     * @param defaults     the top-level {@code toolCalls} block, or an empty map
     * @throws IllegalArgumentException naming the field ({@code mode: ..}, {@code format: ..}) when a value is unknown
     */
    public static ToolCallSettings parse(Object backendValue, Map<String, Object> defaults) {
        return over(fromObject(defaults == null ? Map.of() : defaults, AUTO), backendValue);
    }

    /**
     * Reads a backend's value over settings already read from the top-level block.
     *
     * @throws IllegalArgumentException naming the field when a value is unknown
     */
    static ToolCallSettings over(ToolCallSettings base, Object backendValue) {
        return switch (backendValue) {
            case null -> base;
            case Boolean on -> on ? base.mode() == Mode.OFF ? AUTO : base : new ToolCallSettings(Mode.OFF, base.format());
            case String mode -> new ToolCallSettings(mode(mode, "mode"), base.format());
            case Map<?, ?> map -> fromObject(map, base);
            default -> throw new IllegalArgumentException("mode: must be \"off\", \"auto\", \"force\", a boolean or "
                    + "an object {\"mode\": .., \"format\": ..}");
        };
    }

    private static ToolCallSettings fromObject(Map<?, ?> map, ToolCallSettings base) {
        Mode mode = map.get("mode") instanceof String m ? mode(m, "mode") : base.mode();
        if (Boolean.FALSE.equals(map.get("enabled"))) {
            mode = Mode.OFF;
        }
        Optional<Family> format = base.format();
        if (map.get("format") instanceof String f) {
            format = "auto".equalsIgnoreCase(f) ? Optional.empty() : Optional.of(Family.named(f));
        } else if (map.get("format") != null) {
            throw new IllegalArgumentException("format: must be a string, one of " + Family.names());
        }
        return new ToolCallSettings(mode, format);
    }

    private static Mode mode(String value, String field) {
        try {
            return Mode.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": must be \"off\", \"auto\" or \"force\", not \"" + value + "\"", e);
        }
    }

    /** True when this family is looked for. */
    public boolean detects(Family family) {
        return mode != Mode.OFF && format.map(family::equals).orElse(true);
    }
}
