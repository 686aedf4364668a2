package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.model.StreamEvent;

import java.util.List;

/** Checks that events are well-formed: blocks indexed 0, 1, ... each started, delta'd and stopped in order. */
final class EventSequence {
    private EventSequence() {
    }

    static void check(List<StreamEvent> events) {
        int expected = 0;
        int open = -1;
        for (StreamEvent event : events) {
            switch (event) {
                case StreamEvent.ContentBlockStart s -> {
                    if (open >= 0 || s.index() != expected) {
                        throw new AssertionError("bad start " + s.index() + " in " + events);
                    }
                    open = expected++;
                }
                case StreamEvent.ContentBlockDelta d -> {
                    if (d.index() != open) {
                        throw new AssertionError("delta for closed block " + d.index() + " in " + events);
                    }
                }
                case StreamEvent.ContentBlockStop s -> {
                    if (s.index() != open) {
                        throw new AssertionError("bad stop " + s.index() + " in " + events);
                    }
                    open = -1;
                }
                default -> { }
            }
        }
        if (open >= 0) {
            throw new AssertionError("block left open in " + events);
        }
    }
}
