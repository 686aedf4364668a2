package dev.anyclaude.plugins.mlx;

import dev.anyclaude.api.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the mlx_lm.server this proxy started running: launches it, restarts it after a crash with bounded
 * exponential backoff ({@code base * 2^(n-1)}, at most {@code cap}; after {@link #MAX_ATTEMPTS} failed
 * restarts in a row it gives up and reports DOWN), and on {@link #close()} stops its whole process tree. A JVM
 * shutdown hook does the same if the proxy dies before closing the backend (Ctrl-C during a long start).
 * Thread-safe.
 */
public final class ServerSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerSupervisor.class);
    /** Consecutive failed restarts before the supervisor gives up. */
    static final int MAX_ATTEMPTS = 8;
    /** Up this long, a crash counts as the first one again. */
    private static final Duration STABLE = Duration.ofSeconds(60);

    private final String name;
    private final ServerLauncher launcher;
    private final Duration base;
    private final Duration cap;
    private final ScheduledExecutorService restarts;
    private final Runnable onRestart;
    private final Thread shutdownHook = new Thread(this::stopProcess, "mlx-server-stop");

    private volatile Health health = new Health(Health.Status.STARTING, "not started yet");
    private volatile Process process;
    private volatile boolean closed;
    private int attempt;
    private volatile String reason = "";
    private Instant upSince = Instant.now();
    private boolean hooked;

    /**
     * @param name     the backend's name, for messages
     * @param launcher starts one server
     * @param base     the first restart delay
     * @param cap      the longest restart delay
     */
    public ServerSupervisor(String name, ServerLauncher launcher, Duration base, Duration cap) {
        this(name, launcher, base, cap, () -> { });
    }

    /**
     * @param name      the backend's name, for messages
     * @param launcher  starts one server
     * @param base      the first restart delay
     * @param cap       the longest restart delay
     * @param onRestart called before each restart after a crash (counts {@code anyclaude.mlx.restarts})
     */
    public ServerSupervisor(String name, ServerLauncher launcher, Duration base, Duration cap, Runnable onRestart) {
        this.onRestart = onRestart;
        this.name = name;
        this.launcher = launcher;
        this.base = base;
        this.cap = cap;
        this.restarts = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("mlx-supervisor-" + name).factory());
    }

    /**
     * Launches the server and waits until it is ready.
     *
     * @throws MlxStartException when it cannot be started (nothing is left running)
     */
    public void start() {
        Process started = launcher.launch(this::spawned);
        becameUp(started);
    }

    /** STARTING while launching or restarting, UP when it generates, DOWN when it gave up. */
    public Health health() {
        return health;
    }

    /** The running server's process, if any. */
    public java.util.Optional<ProcessHandle> process() {
        Process p = process;
        return p == null ? java.util.Optional.empty() : java.util.Optional.of(p.toHandle());
    }

    private synchronized void spawned(Process p) {
        process = p;
        if (closed) {
            ProcessTree.stop(p.toHandle(), ServerLauncher.GRACE);
            return;
        }
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            hooked = true;
        }
    }

    private synchronized void becameUp(Process p) {
        if (closed) {
            return;
        }
        upSince = Instant.now();
        health = Health.up();
        p.onExit().thenAccept(this::exited);
    }

    private synchronized void exited(Process p) {
        if (closed || p != process) {
            return;
        }
        if (Duration.between(upSince, Instant.now()).compareTo(STABLE) > 0) {
            attempt = 0;
        }
        LOG.warn("backend {}: mlx_lm.server (pid {}) exited with code {}; restarting", name, p.pid(), p.exitValue());
        scheduleRestart("mlx_lm.server exited with code " + p.exitValue());
    }

    private void scheduleRestart(String why) {
        attempt++;
        if (attempt > MAX_ATTEMPTS) {
            health = Health.down(why + "; gave up after " + MAX_ATTEMPTS + " restarts (see the server log)");
            LOG.error("backend {}: {}; gave up after {} restarts", name, why, MAX_ATTEMPTS);
            return;
        }
        reason = why;
        Duration delay = delay(attempt);
        health = new Health(Health.Status.STARTING, why + "; restart " + attempt + " in " + delay.toMillis() + " ms");
        restarts.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart() {
        if (closed) {
            return;
        }
        health = new Health(Health.Status.STARTING, reason + "; restarting (attempt " + attempt + ")");
        onRestart.run();
        try {
            becameUp(launcher.launch(this::spawned));
            LOG.info("backend {}: mlx_lm.server is back", name);
        } catch (MlxStartException e) {
            synchronized (this) {
                if (!closed) {
                    LOG.warn("backend {}: restart {} failed: {}", name, attempt, e.getMessage());
                    scheduleRestart("restart failed");
                }
            }
        }
    }

    /** The delay before restart {@code n} (1-based). */
    Duration delay(int n) {
        long millis = base.toMillis() << Math.min(n - 1, 20);
        return Duration.ofMillis(Math.min(millis, cap.toMillis()));
    }

    /** Stops the server's process tree and any pending restart; idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            health = Health.down("closed");
        }
        restarts.shutdownNow();
        stopProcess();
        if (hooked) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down, and the hook has run or is running: nothing left to undo.
            }
        }
    }

    private void stopProcess() {
        Process p = process;
        if (p != null && p.isAlive()) {
            LOG.info("backend {}: stopping mlx_lm.server (pid {})", name, p.pid());
            ProcessTree.stop(p.toHandle(), ServerLauncher.GRACE);
        }
    }
}
