package dev.anyclaude.testkit.terracotta;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A real Terracotta server from the Ehcache clustered kit, started as a child process on free loopback ports with
 * its config, log and metadata folders under one folder of its own, for tests of Ehcache's clustered tier.
 *
 * <pre>{@code
 * try (TerracottaServer server = TerracottaServer.start(kit, Path.of("target/terracotta/sharing"))) {
 *     URI uri = server.uri("anyclaude");            // terracotta://127.0.0.1:<port>/anyclaude
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #start} returns once the server logged that it is {@code ACTIVE-COORDINATOR} and its port accepts
 * connections (awaited, up to {@link #STARTUP_TIMEOUT}). It has one off-heap resource, {@value #RESOURCE}
 * ({@value #RESOURCE_MB} MB). {@link #stop()} ends the start script and the JVM it started (the whole process
 * tree); {@link #restart()} starts it again from its config folder, on the same port, as an operator would after
 * an outage (the cache content is gone: off-heap memory does not survive). A JVM shutdown hook stops a server a
 * test forgot. Not thread-safe: one test class drives it.
 */
public final class TerracottaServer implements AutoCloseable {
    /** The name of the server's off-heap resource, for {@code defaultServerResource}. */
    public static final String RESOURCE = "main";
    /** Its size in megabytes. */
    public static final int RESOURCE_MB = 64;
    /** How long a start may take before it fails (about 3 s here on Java 17; the kit says up to 30 s). */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private static final String ACTIVE = "Moved to State[ ACTIVE-COORDINATOR ]";
    private static final String JAVA_OPTS = "-Xms64m -Xmx256m -XX:+UseSerialGC";

    private final TerracottaKit kit;
    private final Path dir;
    private final int port;
    private final int groupPort;
    private final Thread shutdownHook = new Thread(this::killQuietly, "terracotta-server-stop");
    private Process process;
    private int starts;

    private TerracottaServer(TerracottaKit kit, Path dir, int port, int groupPort) {
        this.kit = kit;
        this.dir = dir;
        this.port = port;
        this.groupPort = groupPort;
    }

    /**
     * Starts a fresh server (its folder emptied first) and waits until it is active.
     *
     * @param kit the kit and JDK ({@link TerracottaKit#find()})
     * @param dir the server's own folder, e.g. under {@code target/}; created, and emptied if it exists
     * @throws IllegalStateException when the server exits or is not active within {@link #STARTUP_TIMEOUT}, with
     *                               the end of its output
     */
    public static TerracottaServer start(TerracottaKit kit, Path dir) {
        Objects.requireNonNull(kit, "kit");
        Path absolute = dir.toAbsolutePath();
        deleteTree(absolute);
        int[] ports = freePorts(2);
        TerracottaServer server = new TerracottaServer(kit, absolute, ports[0], ports[1]);
        server.launch(List.of(
                "-cluster-name=anyclaude-test",
                "-hostname=127.0.0.1",
                "-bind-address=127.0.0.1",
                "-group-bind-address=127.0.0.1",
                "-port=" + server.port,
                "-group-port=" + server.groupPort,
                "-offheap-resources=" + RESOURCE + ":" + RESOURCE_MB + "MB",
                "-config-dir=" + absolute.resolve("config"),
                "-log-dir=" + absolute.resolve("logs"),
                "-metadata-dir=" + absolute.resolve("metadata"),
                "-auto-activate"));
        return server;
    }

    /** The server's client port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The cluster URI of an Ehcache cluster-tier manager entity on this server. */
    public URI uri(String entity) {
        return URI.create("terracotta://127.0.0.1:" + port + "/" + entity);
    }

    /** True while the server process runs. */
    public boolean running() {
        return process != null && process.isAlive();
    }

    /** Ends the server and every process it started, and waits until they are gone; idempotent. */
    public void stop() {
        if (process == null) {
            return;
        }
        killQuietly();
        process = null;
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
    }

    /**
     * Starts the stopped server again from its config folder (same cluster, same port) and waits until it is
     * active.
     *
     * @throws IllegalStateException when it is running, or does not become active (see {@link #start})
     */
    public void restart() {
        if (running()) {
            throw new IllegalStateException("the Terracotta server on port " + port + " is running");
        }
        launch(List.of("-config-dir=" + dir.resolve("config")));
    }

    /** The end of the server's console output since its last start, for failure messages. */
    public String outputTail() {
        try {
            List<String> lines = Files.readAllLines(output(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void launch(List<String> arguments) {
        starts++;
        List<String> command = new ArrayList<>(List.of("sh", kit.startScript().toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(createDirectories(dir).toFile())
                .redirectErrorStream(true)
                .redirectOutput(output().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice().toFile()));
        builder.environment().put("JAVA_HOME", kit.javaHome().toString());
        builder.environment().put("JAVA_OPTS", JAVA_OPTS);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + kit.startScript(), e);
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            await("Terracotta server on port " + port + " to be active")
                    .atMost(STARTUP_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(this::active);
        } catch (RuntimeException | Error e) {
            String tail = outputTail();
            stop();
            throw new IllegalStateException("the Terracotta server did not become active (" + e.getMessage()
                    + "); its output ended with:\n" + tail, e);
        }
    }

    private boolean active() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("the server exited with status " + process.exitValue());
        }
        if (!Files.readString(output(), StandardCharsets.UTF_8).contains(ACTIVE)) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private Path output() {
        return dir.resolve("console-" + starts + ".log");
    }

    /** Kills the JVM before the script, so the script's restart loop (on exit status 11) never runs. */
    private void killQuietly() {
        Process current = process;
        if (current == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(current.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        current.destroyForcibly();
        tree.add(current.toHandle());
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                System.getLogger(TerracottaServer.class.getName()).log(System.Logger.Level.WARNING,
                        "process " + handle.pid() + " of the Terracotta server did not exit: " + e);
            }
        }
    }

    private static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static Path nullDevice() {
        return Path.of(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
