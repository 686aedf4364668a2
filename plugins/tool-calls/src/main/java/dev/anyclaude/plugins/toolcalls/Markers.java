package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.model.Tool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The start markers a {@link TextScanner} looks for: every start of the backend's {@link CallFormat}s for the
 * request's tool names, in the formats' order, with what the scanner asks of them on every chunk (the longest, the
 * chars they begin with) worked out once. Immutable: calls with the same settings and tool names share one.
 */
final class Markers {

    /** One marker and the format a region starting with it belongs to. */
    record Start(CallFormat format, String marker) {
    }

    private static final Start[] NONE = {};

    private final ToolCallSettings settings;
    private final List<String> toolNames;
    private final List<Start> starts;
    private final int longest;
    /** The markers by their first char when it is ASCII (null: none); {@link #other} holds the rest. */
    private final Start[][] byAsciiChar = new Start[128][];
    /** The non-ASCII first chars, and in slot i of {@link #byOtherChar} the markers beginning with char i. */
    private final String other;
    private final Start[][] byOtherChar;

    private Markers(ToolCallSettings settings, List<String> toolNames, List<CallFormat> formats) {
        this.settings = settings;
        this.toolNames = List.copyOf(toolNames);
        List<Start> all = new ArrayList<>();
        for (CallFormat format : formats) {
            for (String marker : format.starts(toolNames)) {
                all.add(new Start(format, marker));
            }
        }
        this.starts = List.copyOf(all);
        int max = 1;
        StringBuilder others = new StringBuilder();
        List<Start[]> byOther = new ArrayList<>();
        for (Start start : starts) {
            max = Math.max(max, start.marker().length());
            char c = start.marker().charAt(0);
            if (c < byAsciiChar.length) {
                byAsciiChar[c] = with(byAsciiChar[c], start);
            } else {
                int slot = others.indexOf(String.valueOf(c));
                if (slot < 0) {
                    others.append(c);
                    byOther.add(with(null, start));
                } else {
                    byOther.set(slot, with(byOther.get(slot), start));
                }
            }
        }
        this.longest = max;
        this.other = others.toString();
        this.byOtherChar = byOther.toArray(Start[][]::new);
    }

    private static Start[] with(Start[] starts, Start start) {
        if (starts == null) {
            return new Start[] {start};
        }
        Start[] more = Arrays.copyOf(starts, starts.length + 1);
        more[starts.length] = start;
        return more;
    }

    /** The markers of these settings' formats for these tool names (in any order). */
    static Markers of(ToolCallSettings settings, Collection<String> toolNames) {
        return new Markers(settings, List.copyOf(toolNames), Formats.forSettings(settings));
    }

    /** The markers of exactly these formats, for tests that pick them. */
    static Markers of(List<CallFormat> formats, Collection<String> toolNames) {
        return new Markers(null, List.copyOf(toolNames), formats);
    }

    /**
     * True when these are the markers for these settings and a request's {@code tools}: the same client tool names
     * in the same order. Allocates nothing: this runs on every call.
     */
    boolean isFor(ToolCallSettings settings, List<Tool> declared) {
        if (!settings.equals(this.settings) || declared == null) {
            return false;
        }
        int matched = 0;
        for (int i = 0; i < declared.size(); i++) {
            Tool tool = declared.get(i);
            if (ToolCallParser.isClientTool(tool)) {
                if (matched == toolNames.size() || !tool.name().equals(toolNames.get(matched))) {
                    return false;
                }
                matched++;
            }
        }
        return matched == toolNames.size();
    }

    List<Start> starts() {
        return starts;
    }

    /** The length of the longest marker. */
    int longest() {
        return longest;
    }

    /** The markers that begin with {@code c}, in order; usually none. Called for every char of the text. */
    Start[] beginningWith(char c) {
        Start[] starts;
        if (c < byAsciiChar.length) {
            starts = byAsciiChar[c];
        } else {
            int slot = other.indexOf(c);
            starts = slot < 0 ? null : byOtherChar[slot];
        }
        return starts == null ? NONE : starts;
    }
}
