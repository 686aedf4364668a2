package dev.anyclaude.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CpuPlacementTest {

    @Test
    void readsTheCommandLinesNames() {
        assertThat(CpuPlacement.parse("both")).containsExactly(CpuPlacement.FREE, CpuPlacement.ONE_CORE);
        assertThat(CpuPlacement.main(CpuPlacement.parse("both"))).isEqualTo(CpuPlacement.ONE_CORE);
        assertThat(CpuPlacement.main(CpuPlacement.parse("free"))).isEqualTo(CpuPlacement.FREE);
        assertThat(CpuPlacement.parse("one-core")).containsExactly(CpuPlacement.ONE_CORE);
        assertThat(CpuPlacement.parse(" Free ")).containsExactly(CpuPlacement.FREE);
        assertThatThrownBy(() -> CpuPlacement.parse("pinned")).hasMessageContaining("one-core, free or both");
    }

    @Test
    void pinsThisJvmAndAChildProcessTreeToOneCoreUntilClosed() throws Exception {
        String all = CpuPlacement.allowedCpus();
        String first = all.split("[-,]")[0];
        Process parent = new ProcessBuilder("sh", "-c", "sleep 60 & wait").start();
        try {
            waitForChild(parent);
            try (CpuPlacement.Applied applied = CpuPlacement.ONE_CORE.apply(List.of(parent.pid()))) {
                assertThat(allowedCpus(ProcessHandle.current().pid())).containsOnly(first);
                assertThat(allowedCpus(parent.pid())).containsOnly(first);
                assertThat(allowedCpus(parent.descendants().findFirst().orElseThrow().pid())).containsOnly(first);
                if (applied.caveat().isEmpty()) {
                    assertThat(policies(parent.pid())).containsOnly("2"); // SCHED_RR
                    List<Long> compilers = CpuPlacement.compilerThreads();
                    assertThat(compilers).isNotEmpty();
                    try (AutoCloseable yielded = applied.compilersYield()) {
                        for (long compiler : compilers) {
                            assertThat(policyOfThread(compiler)).isIn("0", null); // SCHED_OTHER, or ended
                        }
                        assertThat(policyOfThread(ProcessHandle.current().pid())).isEqualTo("2");
                    }
                    for (long compiler : compilers) {
                        assertThat(policyOfThread(compiler)).isIn("2", null);
                    }
                }
            }
            assertThat(policies(parent.pid())).containsOnly("0"); // SCHED_OTHER
            assertThat(allowedCpus(ProcessHandle.current().pid())).containsOnly(all);
            assertThat(allowedCpus(parent.descendants().findFirst().orElseThrow().pid())).containsOnly(all);
        } finally {
            parent.descendants().forEach(ProcessHandle::destroy);
            parent.destroy();
        }
    }

    /** The scheduling policy of every thread of the process: field 41 of /proc/PID/task/TID/stat. */
    private static List<String> policies(long pid) throws Exception {
        List<String> policies = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                String stat = Files.readString(task.resolve("stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                policies.add(fields[41 - 3]);
            }
        }
        return policies;
    }

    @Test
    void countsTheCpuTimeOfAJvmsCompilerThreads() throws Exception {
        long pid = ProcessHandle.current().pid();
        long before = CpuPlacement.compilerCpuNanos(pid);
        assertThat(before).isNotNegative(); // this JVM has compiled its way to this test
        assertThat(CpuPlacement.compilerCpuNanos(pid)).isGreaterThanOrEqualTo(before);
        assertThat(CpuPlacement.compilerThreads()).isNotEmpty();
    }

    /** The scheduling policy of one thread of this JVM, or null when it has ended. */
    private static String policyOfThread(long tid) throws Exception {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
        } catch (java.nio.file.NoSuchFileException ended) {
            return null;
        }
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[41 - 3];
    }

    @Test
    void freeLeavesEveryProcessWhereTheSchedulerPutsIt() throws Exception {
        String all = CpuPlacement.allowedCpus();
        try (CpuPlacement.Applied applied = CpuPlacement.FREE.apply(List.of())) {
            assertThat(applied.caveat()).isEmpty();
            assertThat(allowedCpus(ProcessHandle.current().pid())).containsOnly(all);
            assertThat(policies(ProcessHandle.current().pid())).containsOnly("0");
        }
        assertThat(allowedCpus(ProcessHandle.current().pid())).containsOnly(all);
    }

    private static void waitForChild(Process parent) throws InterruptedException {
        for (int i = 0; i < 500 && parent.descendants().findAny().isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertThat(parent.descendants().findAny()).isPresent();
    }

    /** Cpus_allowed_list of every thread of the process, as the kernel writes it ("0", "0-1"). */
    private static List<String> allowedCpus(long pid) throws Exception {
        List<String> lists = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                List<String> status;
                try {
                    status = Files.readAllLines(task.resolve("status"));
                } catch (java.nio.file.NoSuchFileException ended) {
                    continue; // a thread that ended meanwhile (the JIT's compiler threads come and go)
                }
                status.stream().filter(line -> line.startsWith("Cpus_allowed_list:"))
                        .map(line -> line.substring("Cpus_allowed_list:".length()).trim()).forEach(lists::add);
            }
        }
        return lists;
    }
}
