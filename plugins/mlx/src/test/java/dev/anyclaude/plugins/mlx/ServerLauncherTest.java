package dev.anyclaude.plugins.mlx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerLauncherTest {
    private final StandIn standIn = new StandIn();
    private final AtomicReference<Process> spawned = new AtomicReference<>();

    @AfterEach
    void stopLeftovers() {
        standIn.pids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private ServerLauncher launcher(MlxConfig config) {
        return new ServerLauncher("mac", config, new ServerLog(standIn.dir.resolve("logs/mlx-lm-server.log")),
                new ServerProbe(config.baseUrl(), config.port(), config.model()));
    }

    @Test
    void launchReturnsOnceTheServerGeneratesAndItsOutputIsInTheLog() throws IOException {
        MlxConfig config = standIn.config(StandIn.freePort(), 20, "--standin-load-seconds", "0.3");
        Process process = launcher(config).launch(spawned::set);
        try {
            assertThat(process.isAlive()).isTrue();
            assertThat(spawned.get()).isSameAs(process);
            assertThat(new ServerProbe(config.baseUrl(), config.port(), config.model()).portOpen()).isTrue();
            String log = Files.readString(standIn.dir.resolve("logs/mlx-lm-server.log"));
            assertThat(log).contains("anyclaude starts: " + standIn.executable, "--model mlx-community/Test-4bit",
                    "--host 127.0.0.1", "--port " + config.port(), "Starting httpd at 127.0.0.1");
            assertThat(standIn.requests()).singleElement().asString()
                    .contains("\"max_tokens\": 1", "\"model\": \"mlx-community/Test-4bit\"");
        } finally {
            ProcessTree.stop(process.toHandle(), ServerLauncher.GRACE);
        }
    }

    @Test
    void progressIsReportedWhileTheModelLoads() {
        MlxConfig config = standIn.config(StandIn.freePort(), 20, "--standin-load-seconds", "1");
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        Process process = new ServerLauncher("mac", config, new ServerLog(standIn.dir.resolve("p.log")),
                new ServerProbe(config.baseUrl(), config.port(), config.model()), java.time.Duration.ofMillis(200),
                lines::add).launch(spawned::set);
        ProcessTree.stop(process.toHandle(), ServerLauncher.GRACE);
        assertThat(lines).isNotEmpty().allMatch(line -> line.startsWith(
                "backend mac: mlx_lm.server is still downloading or loading mlx-community/Test-4bit after "));
        assertThat(lines).anyMatch(line -> line.contains("Fetching 7 files") || line.contains("Starting httpd"));
    }

    @Test
    void aMissingExecutableSaysHowToInstallIt() {
        MlxConfig config = new MlxConfig(StandIn.freePort(), null, null, "m", null,
                List.of(standIn.dir.resolve("no-such-mlx_lm.server").toString()), null, null, 5, null, null, null,
                null, null, null, null, null);
        assertThatThrownBy(() -> launcher(config).launch(spawned::set)).isInstanceOf(MlxStartException.class)
                .hasMessageContaining("cannot run").hasMessageContaining("pipx install mlx-lm")
                .hasMessageContaining("\"command\"");
    }

    @Test
    void aCommandWithArgumentsInOneStringGetsAHintAboutArgs() {
        MlxConfig config = new MlxConfig(StandIn.freePort(), null, null, "m", null,
                List.of("no-such-mlx_lm.server --trust-remote-code"), null, null, 5, null, null, null, null, null,
                null, null, null);
        assertThatThrownBy(() -> launcher(config).launch(spawned::set)).hasMessageContaining("put arguments in \"args\"");
    }

    @Test
    void aServerThatExitsDuringStartIsReportedWithItsLogTail() {
        MlxConfig config = standIn.config(StandIn.freePort(), 20, "--standin-exit-at-start", "3");
        assertThatThrownBy(() -> launcher(config).launch(spawned::set)).isInstanceOf(MlxStartException.class)
                .hasMessageContaining("exited with code 3 while starting")
                .hasMessageContaining("Model type qwen9 not supported")
                .hasMessageContaining("pipx upgrade mlx-lm");
    }

    @Test
    void aModelThatFailsToLoadIsReportedAtOnceWithTheServersMessage() {
        MlxConfig config = standIn.config(StandIn.freePort(), 20, "--standin-load-error",
                "401 Client Error. Repository Not Found for url: https://huggingface.co/api/models/no/such");
        assertThatThrownBy(() -> launcher(config).launch(spawned::set)).isInstanceOf(MlxStartException.class)
                .hasMessageContaining("refused a first generation with HTTP 404")
                .hasMessageContaining("Repository Not Found").hasMessageContaining("\"model\"");
        assertThat(spawned.get().isAlive()).isFalse();
    }

    @Test
    void aPortTakenAfterTheProbeIsReportedAndTheServerThatStaysAliveIsStopped() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            MlxConfig config = standIn.config(taken.getLocalPort(), 20);
            assertThatThrownBy(() -> launcher(config).launch(spawned::set)).isInstanceOf(MlxStartException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " is already in use")
                    .hasMessageContaining("\"port\"");
            assertThat(spawned.get().isAlive()).isFalse();
        }
    }

    @Test
    void theStandInLikeTheRealServerPrintsATracebackOnABoundPortButStaysAlive() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path log = standIn.dir.resolve("bind.log");
            Process process = new ProcessBuilder(standIn.executable.toString(), "--model", "m", "--port",
                    Integer.toString(taken.getLocalPort())).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                        .until(() -> Files.readString(log).contains("OSError"));
                assertThat(Files.readString(log)).contains("Traceback", "Address already in use");
                assertThat(process.isAlive()).isTrue();
            } finally {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void aServerThatNeverGetsReadyTimesOutAndIsStopped() {
        // 4 s, not 1: the message must quote the stand-in's first log line, and Python may take a while to print it
        // on a loaded machine; the stand-in "loads" for 60 s, so the timeout is what ends the start either way.
        MlxConfig config = standIn.config(StandIn.freePort(), 4, "--standin-load-seconds", "60");
        assertThatThrownBy(() -> launcher(config).launch(spawned::set)).isInstanceOf(MlxStartException.class)
                .hasMessageContaining("did not answer a first generation within 4 s")
                .hasMessageContaining("startupTimeout").hasMessageContaining("Fetching 7 files");
        // The stop is a signal: wait for the process to be gone rather than racing it.
        assertThat(spawned.get().onExit()).succeedsWithin(java.time.Duration.ofSeconds(15));
        assertThat(spawned.get().isAlive()).isFalse();
    }

    @Test
    void theLogIsRotatedWhenOverItsSize() throws IOException {
        Path file = standIn.dir.resolve("rot/mlx-lm-server.log");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x".repeat(200));
        ServerLog log = new ServerLog(file, 120);
        log.beginLaunch(List.of("mlx_lm.server"));
        assertThat(Files.readString(file.resolveSibling("mlx-lm-server.log.1"))).isEqualTo("x".repeat(200));
        assertThat(Files.readString(file)).startsWith("=== ").contains("anyclaude starts: mlx_lm.server");
        log.beginLaunch(List.of("mlx_lm.server"));
        assertThat(Files.readString(file.resolveSibling("mlx-lm-server.log.1"))).isEqualTo("x".repeat(200));
    }
}
