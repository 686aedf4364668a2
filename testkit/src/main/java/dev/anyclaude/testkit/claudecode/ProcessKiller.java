package dev.anyclaude.testkit.claudecode;

import java.util.concurrent.TimeUnit;

/** Ends a child process we started, and every process it started, forcibly. */
final class ProcessKiller {

    private ProcessKiller() {
    }

    /**
     * Kills {@code process} and its descendants, then waits up to 10 seconds for it to be gone.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    static void killTree(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
