package dev.anyclaude.plugins.cache.record;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code "record"} block: {@code {"mode": "record" | "replay", "dir": "recordings/run-1"}}. The command line's
 * {@code --record DIR} and {@code --replay DIR} write it.
 *
 * @param mode {@code record} or {@code replay}
 * @param dir  the recording's folder
 */
record RecordConfig(String mode, String dir) {

    /** What the middleware does. */
    enum Mode {
        RECORD, REPLAY
    }

    /**
     * The mode, checked.
     *
     * @throws IllegalArgumentException naming the field when it is missing or unknown
     */
    Mode checkedMode() {
        if (mode == null || mode.isBlank()) {
            throw new IllegalArgumentException("mode: missing; must be \"record\" or \"replay\"");
        }
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "record" -> Mode.RECORD;
            case "replay" -> Mode.REPLAY;
            default -> throw new IllegalArgumentException("mode: must be \"record\" or \"replay\"");
        };
    }

    /**
     * The folder, checked.
     *
     * @throws IllegalArgumentException naming the field when it is missing
     */
    Path checkedDir() {
        if (dir == null || dir.isBlank()) {
            throw new IllegalArgumentException("dir: missing; the folder of the recording");
        }
        return Path.of(dir).toAbsolutePath().normalize();
    }
}
