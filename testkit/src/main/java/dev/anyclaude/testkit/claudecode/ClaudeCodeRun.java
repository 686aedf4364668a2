package dev.anyclaude.testkit.claudecode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One non-interactive run of Claude Code ({@code claude -p <prompt>}) against a local base URL: what to ask,
 * where, and how. Immutable; "with" methods return copies.
 *
 * <pre>{@code
 * ClaudeCodeRun run = ClaudeCodeRun.print("Create hello.txt", proxy.url(), workDir)
 *         .withTools()                               // --dangerously-skip-permissions, IS_SANDBOX=1
 *         .withArgs("--model", "claude-sonnet-4-5")
 *         .withTimeout(Duration.ofMinutes(1));
 * }</pre>
 *
 * @param prompt           the prompt, passed after {@code -p}
 * @param baseUrl          {@code ANTHROPIC_BASE_URL}, e.g. the proxy's {@code http://127.0.0.1:PORT}
 * @param workingDirectory the folder Claude Code runs in (its "primary working directory")
 * @param outputFormat     {@code --output-format}
 * @param tools            whether tools may run without asking ({@code --dangerously-skip-permissions} and
 *                         {@code IS_SANDBOX=1}, which that flag needs when running as root)
 * @param extraArgs        more command-line arguments, appended last
 * @param extraEnv         more environment variables, applied last (so they may override the defaults)
 * @param home             {@code HOME}; null means a fresh temporary folder, deleted after the run
 * @param timeout          how long to wait before killing the process
 */
public record ClaudeCodeRun(String prompt, String baseUrl, Path workingDirectory, OutputFormat outputFormat,
        boolean tools, List<String> extraArgs, Map<String, String> extraEnv, Path home, Duration timeout) {

    /** The value of {@code --output-format}. */
    public enum OutputFormat {
        /** Plain text: the final answer only. */
        TEXT("text"),
        /** One JSON object with {@code result}, {@code is_error}, {@code usage}, {@code num_turns}, ... */
        JSON("json"),
        /** One JSON object per line, for every message and event; adds {@code --verbose}, which it requires. */
        STREAM_JSON("stream-json");

        private final String flag;

        OutputFormat(String flag) {
            this.flag = flag;
        }

        /** The flag value, e.g. {@code stream-json}. */
        public String flag() {
            return flag;
        }
    }

    /** The default timeout: generous, since a hung run is a failure anyway. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    /**
     * Copies the collections.
     *
     * @throws NullPointerException if anything but {@code home} is null
     */
    public ClaudeCodeRun {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(outputFormat, "outputFormat");
        Objects.requireNonNull(timeout, "timeout");
        extraArgs = List.copyOf(extraArgs);
        extraEnv = Map.copyOf(extraEnv);
    }

    /** {@code claude -p prompt --output-format json} against {@code baseUrl} in {@code workingDirectory}, no tools. */
    public static ClaudeCodeRun print(String prompt, String baseUrl, Path workingDirectory) {
        return new ClaudeCodeRun(prompt, baseUrl, workingDirectory, OutputFormat.JSON, false, List.of(), Map.of(),
                null, DEFAULT_TIMEOUT);
    }

    /** A copy with another output format. */
    public ClaudeCodeRun withOutputFormat(OutputFormat format) {
        return new ClaudeCodeRun(prompt, baseUrl, workingDirectory, format, tools, extraArgs, extraEnv, home, timeout);
    }

    /** A copy that lets tools (Write, Bash, ...) run without asking. */
    public ClaudeCodeRun withTools() {
        return new ClaudeCodeRun(prompt, baseUrl, workingDirectory, outputFormat, true, extraArgs, extraEnv, home,
                timeout);
    }

    /** A copy with {@code args} appended to the command line. */
    public ClaudeCodeRun withArgs(String... args) {
        List<String> more = new ArrayList<>(extraArgs);
        more.addAll(List.of(args));
        return new ClaudeCodeRun(prompt, baseUrl, workingDirectory, outputFormat, tools, more, extraEnv, home, timeout);
    }

    /** A copy with environment variable {@code name} set to {@code value}, overriding any default. */
    public ClaudeCodeRun withEnv(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(extraEnv);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new ClaudeCodeRun(prompt, baseUrl, workingDirectory, outputFormat, tools, extraArgs, more, home, timeout);
    }

    /** A copy that uses {@code home} as {@code HOME} and keeps it (with Claude Code's transcripts) after the run. */
    public ClaudeCodeRun withHome(Path home) {
        return new ClaudeCodeRun(prompt, baseUrl, workingDirectory, outputFormat, tools, extraArgs, extraEnv,
                Objects.requireNonNull(home, "home"), timeout);
    }

    /** A copy with another timeout. */
    public ClaudeCodeRun withTimeout(Duration newTimeout) {
        return new ClaudeCodeRun(prompt, baseUrl, workingDirectory, outputFormat, tools, extraArgs, extraEnv, home,
                newTimeout);
    }
}
