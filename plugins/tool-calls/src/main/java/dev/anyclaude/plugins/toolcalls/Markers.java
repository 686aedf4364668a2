package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.model.Tool;

import java.util.ArrayList;
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

    private final ToolCallSettings settings;
    private final List<String> toolNames;
    private final List<Start> starts;
    private final int longest;
    /** The distinct first chars of the markers; slot i of {@link #byFirstChar} holds the markers beginning with char i. */
    private final String firstChars;
    private final List<List<Start>> byFirstChar;

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
        StringBuilder first = new StringBuilder();
        List<List<Start>> byFirst = new ArrayList<>();
        for (Start start : starts) {
            max = Math.max(max, start.marker().length());
            char c = start.marker().charAt(0);
            int slot = first.indexOf(String.valueOf(c));
            if (slot < 0) {
                slot = first.length();
                first.append(c);
                byFirst.add(new ArrayList<>());
            }
            byFirst.get(slot).add(start);
        }
        this.longest = max;
        this.firstChars = first.toString();
        this.byFirstChar = byFirst.stream().map(List::copyOf).toList();
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

    /** The markers that begin with {@code c}, in order; usually none. */
    List<Start> beginningWith(char c) {
        int slot = firstChars.indexOf(c);
        return slot < 0 ? List.of() : byFirstChar.get(slot);
    }
}
