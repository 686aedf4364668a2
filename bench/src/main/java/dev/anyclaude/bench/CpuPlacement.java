package dev.anyclaude.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the concurrency-1 lanes run: every party (this JVM, with the client, the mocks and anyclaude; HAProxy and the
 * Node peers with their process trees) on one core, or free to use all of them, as the scheduler places them.
 *
 * <p>On this kind of machine (a virtual machine with two vCPUs) a wake-up that crosses to an idle vCPU costs tens of
 * microseconds of the hypervisor's, and a c=1 exchange through a proxy has two more of them than a direct one. How
 * many of them cross depends on what else keeps the vCPUs busy: the direct round trip to the mock is 24 µs on one
 * core, about 25 µs unpinned while the JIT compiles on the other vCPU, and 64-84 µs unpinned once the JIT has gone
 * quiet. On one core the wake-ups are the same context switches for every target, so the difference between targets is
 * their own work; free, it is their work plus the hypervisor's wake-ups. The bench reports both.
 *
 * <p>Placing uses {@code taskset} and {@code chrt} (util-linux): {@code -a} sets every thread that exists, and a
 * thread started later inherits the mask and policy of the thread that starts it.
 */
enum CpuPlacement {
    ONE_CORE("one core"),
    FREE("free to use every core");

    private final String description;

    CpuPlacement(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    /**
     * The placements the command line names, in the order they run: {@code one-core}, {@code free} or {@code both}.
     * Both runs free first: right after the warm-up, when the JIT has just gone quiet and the scheduler has placed the
     * threads as it does for a user's process; after a one-core pass the threads would start out together.
     */
    static List<CpuPlacement> parse(String names) {
        return switch (names.trim().toLowerCase(Locale.ROOT)) {
            case "both" -> List.of(FREE, ONE_CORE);
            case "one-core" -> List.of(ONE_CORE);
            case "free" -> List.of(FREE);
            default -> throw new IllegalArgumentException("--c1-placement is one-core, free or both, not " + names);
        };
    }

    /** The placement of the main table among those a run uses: one core when it is one of them. */
    static CpuPlacement main(List<CpuPlacement> placements) {
        return placements.contains(ONE_CORE) ? ONE_CORE : placements.get(0);
    }

    /**
     * Puts this JVM and the given processes (with their descendants) where this placement says, until the returned
     * handle is closed, which lets them use every core again. On one core they also get a real-time priority
     * ({@code chrt -r 10}, every thread), so that other work on the machine does not preempt an exchange that
     * has the core: without it a one-core run's tails are the machine's other processes. Where the priority cannot be
     * set (not root, no {@code CAP_SYS_NICE}), the handle says so in {@link Applied#caveat()} and the run goes on.
     */
    Applied apply(List<Long> processes) throws IOException, InterruptedException {
        List<Long> pids = new ArrayList<>();
        pids.add(ProcessHandle.current().pid());
        for (long pid : processes) {
            pids.add(pid);
            ProcessHandle.of(pid).ifPresent(handle -> handle.descendants().forEach(child -> pids.add(child.pid())));
        }
        String all = allowedCpus();
        if (this == FREE) {
            return new Applied(List.of(), all, false, ""); // as they are: a one-core placement is undone when closed
        }
        run(pids, "taskset", "-a", "-p", "-c", all.split("[-,]")[0]);
        try {
            run(pids, "chrt", "-r", "-a", "-p", "10");
            return new Applied(pids, all, true, "");
        } catch (IOException e) {
            try {
                run(pids, "chrt", "-o", "-a", "-p", "0"); // the processes it did reach, back to normal
            } catch (IOException notReset) {
                run(pids, "taskset", "-a", "-p", "-c", all);
                throw notReset;
            }
            return new Applied(pids, all, false, "without a real-time priority (" + e.getMessage() + ")");
        }
    }

    /** A placement in force; closing it puts every process back: every core, the normal scheduling policy. */
    static final class Applied implements AutoCloseable {
        private final List<Long> pids;
        private final String allCpus;
        private final boolean realTime;
        private final String caveat;

        private Applied(List<Long> pids, String allCpus, boolean realTime, String caveat) {
            this.pids = pids;
            this.allCpus = allCpus;
            this.realTime = realTime;
            this.caveat = caveat;
        }

        /** What the placement could not do, for the run's notes; empty when it did everything. */
        String caveat() {
            return caveat;
        }

        /**
         * Until closed, this JVM's JIT compiler threads lose the real-time priority (the normal policy), so that on the
         * one core a compilation runs only while no exchange has work: under {@code SCHED_RR} a compiler thread keeps
         * the core for up to its 100 ms slice, and every party's events, direct's as much as a proxy's, waited for it
         * (a drip stream's tokens then arrived together, up to 80 ms late). Only for measurements with idle time of
         * their own (the drip streams' 2 ms gaps): in a zero-delay loop the core is never idle and the compilers would
         * get only the kernel's real-time throttling share (5 %). Does nothing without the real-time priority.
         */
        AutoCloseable compilersYield() throws IOException, InterruptedException {
            if (!realTime) {
                return () -> { };
            }
            List<Long> compilers = compilerThreads();
            run(compilers, "chrt", "-o", "-p", "0");
            return () -> run(compilers, "chrt", "-r", "-p", "10");
        }

        @Override
        public void close() throws IOException, InterruptedException {
            if (realTime) {
                run(pids, "chrt", "-o", "-a", "-p", "0");
            }
            run(pids, "taskset", "-a", "-p", "-c", allCpus);
        }
    }

    /** This JVM's JIT compiler threads ({@code C1 CompilerThre}, {@code C2 CompilerThre}, as {@code comm} shortens them). */
    static List<Long> compilerThreads() throws IOException {
        return compilerThreads("self");
    }

    /** The CPU time a JVM's JIT compiler threads have used, ns (clock ticks of 10 ms): utime + stime of each. */
    static long compilerCpuNanos(long pid) throws IOException {
        long nanos = 0;
        for (long tid : compilerThreads(Long.toString(pid))) {
            // 0 for a thread that ended meanwhile (the JVM adds and removes compiler threads as the queue needs)
            nanos += Math.max(0, CpuMeter.cpuNanos(java.nio.file.Path.of("/proc/" + pid + "/task/" + tid + "/stat")));
        }
        return nanos;
    }

    private static List<Long> compilerThreads(String pid) throws IOException {
        List<Long> threads = new ArrayList<>();
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/" + pid + "/task"))) {
            for (java.nio.file.Path task : tasks.toList()) {
                String name;
                try {
                    name = java.nio.file.Files.readString(task.resolve("comm")).trim();
                } catch (IOException gone) {
                    continue; // the thread ended meanwhile
                }
                if (name.matches("C\\d CompilerThre.*")) {
                    threads.add(Long.parseLong(task.getFileName().toString()));
                }
            }
        }
        return threads;
    }

    /**
     * The cores this JVM may use, read before the first placement changes them ("0-1"): what "every core" means,
     * and where one core is taken (the first).
     */
    static synchronized String allowedCpus() throws IOException {
        if (allowed == null) {
            allowed = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Cpus_allowed_list:"))
                    .map(line -> line.substring("Cpus_allowed_list:".length()).trim()).findFirst()
                    .orElseThrow(() -> new IOException("no Cpus_allowed_list in /proc/self/status"));
        }
        return allowed;
    }

    private static String allowed;

    /** Runs the command for every process (its pid last); a process that ended meanwhile is skipped. */
    private static void run(List<Long> pids, String... command) throws IOException, InterruptedException {
        for (long pid : pids) {
            List<String> line = new ArrayList<>(List.of(command));
            line.add(Long.toString(pid));
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (process.waitFor() != 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IOException(String.join(" ", line) + " failed: " + out.trim());
            }
        }
    }
}
