package dev.anyclaude.testkit.claudecode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The real Claude Code CLI as a test client: runs {@code claude -p <prompt>} once per {@link ClaudeCodeRun}, fully
 * offline against a local base URL (docs/PROTOCOLS.md section 1), and reports exit code and output.
 *
 * <pre>{@code
 * ClaudeCodeCli claude = ClaudeCodeCli.installed();          // installs the pinned npm package once per machine
 * ClaudeCodeResult result = claude.run(ClaudeCodeRun.print("say hi", proxy.url(), workDir));
 * assertTrue(result.succeeded(), result::toString);
 * }</pre>
 *
 * <p>The child gets a clean environment, not this JVM's: only {@code PATH}, {@code SHELL}, {@code LANG},
 * {@code LC_ALL} and {@code TMPDIR} are copied (so the Bash tool works, and no {@code ANTHROPIC_*} variable or
 * proxy setting of the developer's leaks in), then {@code HOME} (a fresh temporary folder unless
 * {@link ClaudeCodeRun#withHome(Path) given}), {@code ANTHROPIC_BASE_URL}, {@code ANTHROPIC_API_KEY=dummy},
 * {@code CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1}, {@code DISABLE_TELEMETRY=1}, {@code DISABLE_AUTOUPDATER=1},
 * {@code CLAUDE_CODE_MAX_RETRIES=1}, with tools {@code IS_SANDBOX=1}, and last the run's own variables. Standard
 * input is the null device.
 *
 * <p>Immutable and thread-safe; runs may go in parallel (each has its own {@code HOME}).
 */
public final class ClaudeCodeCli {

    /** The key Claude Code sends as {@code x-api-key} unless the run sets {@code ANTHROPIC_API_KEY}. */
    public static final String API_KEY = "dummy";

    private static final List<String> INHERITED = List.of("PATH", "SHELL", "LANG", "LC_ALL", "TMPDIR");

    private final Path executable;

    /**
     * A CLI that runs {@code executable}, e.g. from {@link ClaudeCodeInstall#ensureInstalled()}.
     *
     * @throws NullPointerException if {@code executable} is null
     */
    public ClaudeCodeCli(Path executable) {
        this.executable = Objects.requireNonNull(executable, "executable");
    }

    /**
     * The pinned version ({@link ClaudeCodeInstall#pinned()}), installed first if this machine lacks it.
     *
     * @throws IOException          if the install fails (see {@link ClaudeCodeInstall#ensureInstalled()})
     * @throws InterruptedException if interrupted while installing
     */
    public static ClaudeCodeCli installed() throws IOException, InterruptedException {
        return new ClaudeCodeCli(ClaudeCodeInstall.pinned().ensureInstalled());
    }

    /** The binary this CLI runs. */
    public Path executable() {
        return executable;
    }

    /** The command line for {@code run}: executable, {@code -p}, prompt, output format, tool flag, extra args. */
    public List<String> command(ClaudeCodeRun run) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-p", run.prompt(),
                "--output-format", run.outputFormat().flag()));
        if (run.outputFormat() == ClaudeCodeRun.OutputFormat.STREAM_JSON) {
            command.add("--verbose");
        }
        if (run.tools()) {
            command.add("--dangerously-skip-permissions");
        }
        command.addAll(run.extraArgs());
        return List.copyOf(command);
    }

    /** The complete child environment for {@code run} with {@code HOME} = {@code home} (see the class comment). */
    public Map<String, String> environment(ClaudeCodeRun run, Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : INHERITED) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.put("HOME", home.toString());
        env.put("ANTHROPIC_BASE_URL", run.baseUrl());
        env.put("ANTHROPIC_API_KEY", API_KEY);
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("CLAUDE_CODE_MAX_RETRIES", "1");
        if (run.tools()) {
            env.put("IS_SANDBOX", "1");
        }
        env.putAll(run.extraEnv());
        return env;
    }

    /**
     * Runs Claude Code and waits for it to exit, or kills it (and its children) at the run's timeout.
     *
     * @return the outcome; a non-zero exit or a timeout is reported, not thrown
     * @throws IOException          if the process cannot be started or its output not read
     * @throws InterruptedException if interrupted while waiting (the process is killed first)
     */
    public ClaudeCodeResult run(ClaudeCodeRun run) throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory("claude-code-run-");
        try {
            Path home = run.home() != null ? run.home() : Files.createDirectory(scratch.resolve("home"));
            Path stdout = scratch.resolve("stdout");
            Path stderr = scratch.resolve("stderr");
            List<String> command = command(run);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(run.workingDirectory().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(ClaudeCodeInstall.nullDevice()))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment(run, home));
            long start = System.nanoTime();
            Process process = builder.start();
            boolean exited;
            try {
                exited = process.waitFor(run.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                ProcessKiller.killTree(process);
                throw e;
            }
            if (!exited) {
                ProcessKiller.killTree(process);
            }
            Duration duration = Duration.ofNanos(System.nanoTime() - start);
            return new ClaudeCodeResult(command, exited ? process.exitValue() : -1,
                    Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8),
                    !exited, duration);
        } finally {
            ClaudeCodeInstall.deleteRecursively(scratch);
        }
    }

    @Override
    public String toString() {
        return "ClaudeCodeCli[" + executable + "]";
    }
}
