package dev.anyclaude.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.core.plugins.ProxyMetrics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyGateTest {
    private final ProxyMetrics metrics = new ProxyMetrics();

    @Test
    void noLimitNeverWaits() {
        ConcurrencyGate gate = new ConcurrencyGate("b", 0, 0, metrics);
        for (int i = 0; i < 100; i++) {
            gate.acquire(Duration.ZERO);
        }
        assertThat(gate.inFlight()).isZero();
    }

    @Test
    void fullGateWithoutQueueIsOverloadedAtOnce() {
        ConcurrencyGate gate = new ConcurrencyGate("gpu", 2, 0, metrics);
        gate.acquire(Duration.ofSeconds(10));
        Runnable second = gate.acquire(Duration.ofSeconds(10));
        assertThatThrownBy(() -> gate.acquire(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(AnthropicException.class, e -> {
                    assertThat(e.status()).isEqualTo(529);
                    assertThat(e.type().wireName()).isEqualTo("overloaded_error");
                    assertThat(e.getMessage()).contains("backend 'gpu' is busy: 2 requests in flight (maxConcurrent)");
                });
        assertThat(metrics.count("anyclaude.rejected", "backend", "gpu", "reason", "queue_full")).isEqualTo(1);
        second.run();
        second.run(); // releasing twice frees one slot only
        assertThat(gate.inFlight()).isEqualTo(1);
    }

    @Test
    void queuedCallGetsTheNextFreeSlot() throws Exception {
        ConcurrencyGate gate = new ConcurrencyGate("gpu", 1, 1, metrics);
        Runnable first = gate.acquire(Duration.ZERO);
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Runnable> queued = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            return gate.acquire(Duration.ofSeconds(30));
        });
        waiting.await();
        first.run();
        queued.get(10, TimeUnit.SECONDS).run();
        assertThat(gate.inFlight()).isZero();
    }

    @Test
    void queueWaitThatRunsOutIsOverloaded() {
        ConcurrencyGate gate = new ConcurrencyGate("gpu", 1, 5, metrics);
        gate.acquire(Duration.ZERO);
        assertThatThrownBy(() -> gate.acquire(Duration.ofMillis(20)))
                .isInstanceOfSatisfying(AnthropicException.class, e -> assertThat(e.getMessage())
                        .contains("waited 20 ms in the queue (queueTimeoutMs)"));
        assertThat(metrics.count("anyclaude.rejected", "backend", "gpu", "reason", "queue_timeout")).isEqualTo(1);
    }
}
