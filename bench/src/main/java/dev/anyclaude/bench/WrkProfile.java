package dev.anyclaude.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import one.profiler.AsyncProfiler;

/**
 * A CPU profile of this JVM (anyclaude and the mocks) while wrk measures anyclaude ({@code --profile DIR}):
 * async-profiler, whose Maven Central JAR carries its Linux x64 library, samples every thread every 499 µs (finer
 * intervals distorted the compiled code's figures here), and the collapsed stacks go to
 * {@code DIR/<lane>-anyclaude.collapsed}, one line per stack with the thread first, for flame graphs or scripts. A
 * summary ({@link ProfileSummary}) is printed. The profiler's own cost is in that run's throughput figures, so a
 * profiled run writes no docs.
 */
final class WrkProfile {
    private static final String START = "start,event=cpu,interval=499us,threads";

    private final AsyncProfiler profiler;
    private final Path file;

    private WrkProfile(AsyncProfiler profiler, Path file) {
        this.profiler = profiler;
        this.file = file;
    }

    /** Starts sampling; the profile of {@code lane} goes to {@code dir}. */
    static WrkProfile start(Path dir, String lane) throws IOException {
        Files.createDirectories(dir);
        AsyncProfiler profiler;
        try {
            profiler = AsyncProfiler.getInstance();
        } catch (UnsatisfiedLinkError | IllegalStateException e) {
            throw new IOException("--profile needs Linux on x64 (async-profiler's library in its JAR): " + e.getMessage(), e);
        }
        profiler.execute(START);
        return new WrkProfile(profiler, dir.resolve(lane + "-anyclaude.collapsed"));
    }

    /** Stops sampling, writes the stacks and prints their summary. */
    void stop() throws IOException {
        profiler.execute("stop,collapsed,file=" + file);
        System.out.println("  profile under wrk: " + file);
        System.out.print(ProfileSummary.of(Files.readAllLines(file)).render("    "));
    }
}
