package dev.anyclaude.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileSummaryTest {
    private static final List<String> STACKS = List.of(
            "[XNIO-1 I/O-1 tid=101];java/lang/Thread.run;org/xnio/nio/WorkerThread.run;writev;do_syscall_64_[k] 30",
            "[XNIO-1 I/O-2 tid=102];java/lang/Thread.run;org/xnio/nio/WorkerThread.run;dev/anyclaude/core/json/JsonScan.string 50",
            "[XNIO-1 I/O-1 tid=101];java/lang/Thread.run;dev/anyclaude/core/json/JsonScan.string 20",
            "[mock-anthropic I/O-1 tid=201];java/lang/Thread.run;writev;do_syscall_64_[k] 100",
            "");

    @Test
    void threadGroupsIoThreadsKernelShareAndHottestFrames() {
        ProfileSummary summary = ProfileSummary.of(STACKS);

        assertThat(summary.threads()).containsExactly(
                java.util.Map.entry("XNIO-N I/O-N", 100L), java.util.Map.entry("mock-anthropic I/O-N", 100L));
        assertThat(summary.ioTotal()).isEqualTo(100);
        assertThat(summary.ioKernel()).isEqualTo(30);
        assertThat(summary.ioSelf()).containsExactly(
                java.util.Map.entry("dev/anyclaude/core/json/JsonScan.string", 70L),
                java.util.Map.entry("do_syscall_64_[k]", 30L));
        assertThat(summary.render("")).contains("XNIO-N I/O-N 50.0 %", "kernel 30.0 %",
                "70.0 % dev/anyclaude/core/json/JsonScan.string");
    }
}
