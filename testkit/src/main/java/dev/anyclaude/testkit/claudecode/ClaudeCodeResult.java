package dev.anyclaude.testkit.claudecode;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link ClaudeCodeRun} ended. Immutable.
 *
 * @param command  the command line that ran (executable first)
 * @param exitCode the process exit code; meaningless (-1) when {@code timedOut}
 * @param stdout   everything written to standard output, UTF-8 (for {@code json} output, one JSON object)
 * @param stderr   everything written to standard error, UTF-8
 * @param timedOut whether the run was killed at its timeout
 * @param duration wall-clock time from start to exit (or kill)
 */
public record ClaudeCodeResult(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut,
        Duration duration) {

    /** @throws NullPointerException if anything is null */
    public ClaudeCodeResult {
        command = List.copyOf(command);
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(duration, "duration");
    }

    /** Whether the process exited on its own with code 0. */
    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** Exit status, duration, command and both outputs (each cut to its last 4000 characters), for assertion messages. */
    @Override
    public String toString() {
        return "ClaudeCodeResult[" + (timedOut ? "timed out" : "exit " + exitCode) + " after " + duration.toMillis()
                + " ms: " + String.join(" ", command) + "]\n--- stdout ---\n" + tail(stdout) + "\n--- stderr ---\n" + tail(stderr);
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }
}
