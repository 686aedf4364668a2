package dev.anyclaude.plugins.mlx;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one mlx_lm.server process and waits until it generates (see {@link ServerProbe}), logging progress
 * while the model downloads or loads. Every failure stops what was started and throws an
 * {@link MlxStartException} that says how to fix it. Stateless between launches; one launch at a time per caller.
 */
public final class ServerLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(ServerLauncher.class);
    static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);

    private final String name;
    private final MlxConfig config;
    private final ServerLog log;
    private final ServerProbe probe;
    private final Duration progressEvery;
    private final Consumer<String> progress;

    /**
     * @param name   the backend's config name, for messages
     * @param config its config
     * @param log    where the server's output goes
     * @param probe  the readiness check
     */
    public ServerLauncher(String name, MlxConfig config, ServerLog log, ServerProbe probe) {
        this(name, config, log, probe, PROGRESS_EVERY, LOG::info);
    }

    /** As above, with the progress interval and where progress lines go (tests). */
    ServerLauncher(String name, MlxConfig config, ServerLog log, ServerProbe probe, Duration progressEvery,
                   Consumer<String> progress) {
        this.name = name;
        this.config = config;
        this.log = log;
        this.probe = probe;
        this.progressEvery = progressEvery;
        this.progress = progress;
    }

    /**
     * Spawns the server and returns it once it generates.
     *
     * @param spawned told about the process as soon as it exists, so a concurrent close can stop it
     * @throws MlxStartException when the executable is missing, the port is taken, the server exits, the wait
     *                           times out or the thread is interrupted; the process is stopped first
     */
    public Process launch(Consumer<Process> spawned) {
        List<String> commandLine = config.commandLine();
        log.beginLaunch(commandLine);
        ProcessBuilder builder = new ProcessBuilder(commandLine).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile()));
        builder.environment().put("PYTHONUNBUFFERED", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new MlxStartException("backend '" + name + "': cannot run '" + commandLine.getFirst() + "' ("
                    + e.getMessage() + "). Install mlx_lm.server with `pipx install mlx-lm` (then `"
                    + "mlx_lm.server --help` should work in a new terminal), or set \"command\" to its full path"
                    + (commandLine.getFirst().contains(" ") ? " (\"command\" is one path; put arguments in \"args\" "
                    + "or give \"command\" as a list)" : "") + ".", e);
        }
        spawned.accept(process);
        LOG.info("backend {}: started mlx_lm.server (pid {}) for {} on port {}; output goes to {}", name,
                process.pid(), config.model(), config.port(), log.file());
        try {
            awaitReady(process);
            return process;
        } catch (RuntimeException e) {
            ProcessTree.stop(process.toHandle(), GRACE);
            throw e;
        }
    }

    private void awaitReady(Process process) {
        Instant started = Instant.now();
        Instant deadline = started.plus(config.startupWait());
        Instant nextProgress = started.plus(progressEvery);
        ExecutorService generations = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Future<ServerProbe.Generation> generation = null;
            while (true) {
                if (!process.isAlive()) {
                    throw exited(process.exitValue());
                }
                if (log.showsPortInUse()) {
                    throw portTaken();
                }
                Instant now = Instant.now();
                if (now.isAfter(deadline)) {
                    throw timedOut();
                }
                if (generation == null && probe.portOpen()) {
                    Duration left = Duration.between(now, deadline);
                    generation = generations.submit(() -> probe.generate(left));
                }
                if (generation != null && generation.isDone()) {
                    switch (generation.get()) {
                        case ServerProbe.Generation.Ready ready -> {
                            LOG.info("backend {}: mlx_lm.server is ready after {} s", name,
                                    Duration.between(started, Instant.now()).toSeconds());
                            return;
                        }
                        case ServerProbe.Generation.Refused refused -> throw refused(refused);
                        case ServerProbe.Generation.NotYet notYet -> generation = null;
                    }
                }
                if (now.isAfter(nextProgress)) {
                    nextProgress = now.plus(progressEvery);
                    progress.accept("backend " + name + ": mlx_lm.server is still downloading or loading "
                            + config.model() + " after " + Duration.between(started, now).toSeconds() + " s: "
                            + log.tail(1).stream().findFirst().orElse("(no output yet)"));
                }
                waitForExit(process, POLL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlxStartException("backend '" + name + "': the start of mlx_lm.server was interrupted", e);
        } catch (ExecutionException e) {
            throw new MlxStartException("backend '" + name + "': the readiness check failed: " + e.getCause(), e);
        } finally {
            // Interrupts a generation still waiting (for example on a port another program holds).
            generations.shutdownNow();
        }
    }

    /** Waits for the process to exit, at most {@code wait}: a poll interval that ends early on a crash. */
    private static void waitForExit(Process process, Duration wait) throws InterruptedException {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Still running: the normal case while the model loads; the loop checks again.
        }
    }

    private MlxStartException exited(int code) {
        return new MlxStartException("backend '" + name + "': mlx_lm.server exited with code " + code
                + " while starting. The last lines of " + log.file() + ":" + System.lineSeparator()
                + log.tailForMessage(15) + System.lineSeparator()
                + "Fix what the log says: check \"model\" (a Hugging Face repo id or a local MLX folder) and \"args\""
                + " with `mlx_lm.server " + String.join(" ", config.args()) + " --model " + config.model()
                + "`; an unsupported model type needs `pipx upgrade mlx-lm`.");
    }

    private MlxStartException refused(ServerProbe.Generation.Refused refused) {
        return new MlxStartException("backend '" + name + "': mlx_lm.server refused a first generation with HTTP "
                + refused.status() + ": " + refused.error() + System.lineSeparator() + "The last lines of "
                + log.file() + ":" + System.lineSeparator() + log.tailForMessage(15) + System.lineSeparator()
                + "Check \"model\" (a Hugging Face repo id such as mlx-community/..., or a local MLX folder) and "
                + "\"args\"; an unsupported model type needs `pipx upgrade mlx-lm`.");
    }

    private MlxStartException portTaken() {
        return new MlxStartException("backend '" + name + "': port " + config.port() + " is already in use, so "
                + "mlx_lm.server could not listen on it. Stop the program using it (`lsof -i :" + config.port()
                + "`), or set \"port\" to a free port.");
    }

    private MlxStartException timedOut() {
        return new MlxStartException("backend '" + name + "': mlx_lm.server did not answer a first generation within "
                + config.startupTimeout() + " s. The last lines of " + log.file() + ":" + System.lineSeparator()
                + log.tailForMessage(15) + System.lineSeparator()
                + "A first start downloads the model: raise \"startupTimeout\", or download it beforehand with "
                + "`mlx_lm.generate --model " + config.model() + " --prompt hi`.");
    }
}
