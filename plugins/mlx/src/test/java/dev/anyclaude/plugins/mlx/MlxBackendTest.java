package dev.anyclaude.plugins.mlx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anyclaude.api.Backend;
import dev.anyclaude.api.Health;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MlxBackendTest {
    private final StandIn standIn = new StandIn();
    private MlxBackend backend;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.close();
        }
        standIn.pids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private MlxBackend backend(MlxConfig config) {
        ServerProbe probe = new ServerProbe(config.baseUrl(), config.port(), config.model());
        ServerSupervisor supervisor = new ServerSupervisor("mac", new ServerLauncher("mac", config,
                new ServerLog(standIn.dir.resolve("mlx-lm-server.log")), probe), Duration.ofMillis(100),
                Duration.ofSeconds(1));
        Backend openai = call -> {
            throw new AssertionError("not called");
        };
        backend = new MlxBackend("mac", config, openai, probe, supervisor);
        return backend;
    }

    @Test
    void healthIsStartingBeforeStartAndUpOnceLaunched() {
        MlxBackend mlx = backend(standIn.config(StandIn.freePort(), 20));
        assertThat(mlx.health().status()).isEqualTo(Health.Status.STARTING);
        mlx.start();
        assertThat(mlx.mode()).isEqualTo(MlxBackend.Mode.LAUNCHED);
        assertThat(mlx.health()).isEqualTo(Health.up());
        mlx.close();
        assertThat(mlx.health().status()).isEqualTo(Health.Status.DOWN);
    }

    @Test
    void aPortHeldByAnotherProgramIsRefusedWithoutLaunching() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            MlxBackend mlx = backend(standIn.config(taken.getLocalPort(), 20));
            assertThatThrownBy(mlx::start).isInstanceOf(MlxStartException.class)
                    .hasMessageContaining("taken by another program").hasMessageContaining("lsof -i :");
            assertThat(standIn.pids()).isEmpty();
        }
    }

    @Test
    void withoutAutoLaunchNothingIsStartedAndHealthSaysDown() {
        MlxConfig config = new MlxConfig(StandIn.freePort(), null, null, "m", null,
                List.of(standIn.executable.toString()), null, false, null, null, null, null, null, null, null, null,
                null);
        MlxBackend mlx = backend(config);
        mlx.start();
        assertThat(mlx.mode()).isEqualTo(MlxBackend.Mode.EXTERNAL);
        assertThat(mlx.health().status()).isEqualTo(Health.Status.DOWN);
        assertThat(mlx.health().detail()).contains("autoLaunch is false");
        assertThat(standIn.pids()).isEmpty();
    }
}
