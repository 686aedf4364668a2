package dev.anyclaude.plugins.mlx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.anyclaude.api.Health;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerSupervisorTest {
    private final StandIn standIn = new StandIn();
    private ServerSupervisor supervisor;

    @AfterEach
    void stop() {
        if (supervisor != null) {
            supervisor.close();
        }
        standIn.pids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private ServerSupervisor supervisor(MlxConfig config) {
        ServerProbe probe = new ServerProbe(config.baseUrl(), config.port(), config.model());
        return new ServerSupervisor("mac", new ServerLauncher("mac", config,
                new ServerLog(standIn.dir.resolve("mlx-lm-server.log")), probe), Duration.ofMillis(100),
                Duration.ofSeconds(1));
    }

    @Test
    void aCrashedServerIsRestartedAndReportsStartingMeanwhile() throws Exception {
        // The readiness generation is request 1, ours is request 2; the restart loads for a second.
        MlxConfig config = standIn.config(StandIn.freePort(), 20, "--standin-crash-after", "2",
                "--standin-restart-load-seconds", "1");
        supervisor = supervisor(config);
        supervisor.start();
        assertThat(supervisor.health()).isEqualTo(Health.up());
        long first = supervisor.process().orElseThrow().pid();

        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(config.baseUrl() + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.discarding());

        await().atMost(Duration.ofSeconds(10)).until(() -> supervisor.health().status() == Health.Status.STARTING);
        assertThat(supervisor.health().detail()).contains("exited with code 1");
        await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.health().status() == Health.Status.UP);
        assertThat(supervisor.process().orElseThrow().pid()).isNotEqualTo(first);
        assertThat(supervisor.process().orElseThrow().isAlive()).isTrue();
    }

    @Test
    void closeStopsTheWholeProcessTree() {
        supervisor = supervisor(standIn.config(StandIn.freePort(), 20, "--standin-child"));
        supervisor.start();
        List<Long> pids = standIn.pids();
        assertThat(pids).hasSize(2);
        assertThat(pids).allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

        supervisor.close();

        assertThat(pids).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertThat(supervisor.health().status()).isEqualTo(Health.Status.DOWN);
    }

    @Test
    void restartDelaysDoubleUpToTheCap() {
        ServerSupervisor s = new ServerSupervisor("mac", null, Duration.ofMillis(500), Duration.ofSeconds(30));
        assertThat(List.of(s.delay(1), s.delay(2), s.delay(3), s.delay(7), s.delay(40))).containsExactly(
                Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofSeconds(30));
        s.close();
    }
}
