package dev.anyclaude.core.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs Claude Code against a proxy: finds the executable, builds its environment (the proxy's URL and token,
 * the user's own variables kept), and runs it attached to this terminal, returning its exit code.
 */
final class ClaudeLauncher {
    static final String INSTALL_HINT = "Claude Code is not installed (no 'claude' on PATH). Install it with "
            + "'npm install -g @anthropic-ai/claude-code', or name the executable in ANYCLAUDE_CLAUDE or in the "
            + "config as \"claude\": {\"command\": \"/path/to/claude\"}.";

    private ClaudeLauncher() {
    }

    /**
     * The executable to run: {@code ANYCLAUDE_CLAUDE}, else the configured command, else {@code claude} on PATH.
     * A name without a slash is looked up on PATH.
     */
    static Optional<Path> find(String fromEnv, String fromConfig, String path) {
        for (String candidate : new String[]{fromEnv, fromConfig, "claude"}) {
            if (candidate == null || candidate.isBlank()) {
                continue;
            }
            if (candidate.contains(File.separator)) {
                Path file = Path.of(candidate);
                return Files.isExecutable(file) ? Optional.of(file) : Optional.empty();
            }
            for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, candidate))) {
                    return Optional.of(Path.of(dir, candidate));
                }
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Claude Code's environment: the user's own, the configured extras, then the proxy's URL and token (added to
     * any custom headers the user has). A backend that is not Anthropic's gets a placeholder key when the user
     * has none, so Claude Code does not ask to log in.
     */
    static Map<String, String> environment(Map<String, String> inherited, Map<String, String> configured, String url,
                                           String token, boolean anthropicBackend) {
        Map<String, String> env = new LinkedHashMap<>(inherited);
        env.putAll(configured);
        env.put("ANTHROPIC_BASE_URL", url);
        String header = "x-anyclaude-token: " + token;
        String custom = env.get("ANTHROPIC_CUSTOM_HEADERS");
        env.put("ANTHROPIC_CUSTOM_HEADERS", custom == null || custom.isBlank() ? header : custom + "\n" + header);
        if (!anthropicBackend && !env.containsKey("ANTHROPIC_API_KEY") && !env.containsKey("ANTHROPIC_AUTH_TOKEN")) {
            env.put("ANTHROPIC_API_KEY", "anyclaude-local");
        }
        return env;
    }

    /** Runs the command attached to this terminal and waits for it; returns its exit code. */
    static int run(Path executable, List<String> args, Map<String, String> env) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        Thread stopChild = new Thread(() -> process.descendants().forEach(ProcessHandle::destroy), "anyclaude-stop-claude");
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            return process.waitFor();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already stopping; the hook runs and stops the child.
            }
        }
    }
}
