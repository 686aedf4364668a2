package dev.anyclaude.testkit.claudecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install logic against a fake {@code npm} (a shell script that lays out the package the way npm does), so no
 * network is needed. The real npm is exercised by the integration tests.
 */
@DisabledOnOs(OS.WINDOWS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClaudeCodeInstallTest {

    private static final String VERSION = "9.9.9";

    @TempDir
    Path temp;

    /**
     * A fake npm: logs each call to {@code calls}, waits until {@code waitForCalls} calls have started (to force
     * a real race), then writes a binary that prints {@code reportedVersion}, or fails when that is null.
     */
    private Path fakeNpm(String reportedVersion, int waitForCalls) throws IOException {
        Path calls = temp.resolve("calls");
        String install = reportedVersion == null
                ? "echo 'npm ERR! 404 Not Found - GET https://registry.npmjs.org/nope' >&2; exit 1\n"
                : "bin=\"$prefix/node_modules/@anthropic-ai/claude-code/bin\"\n"
                        + "mkdir -p \"$bin\"\n"
                        + "printf '#!/bin/sh\\necho \"" + reportedVersion + " (Claude Code)\"\\n' > \"$bin/claude.exe\"\n"
                        + "chmod +x \"$bin/claude.exe\"\n";
        String script = "#!/bin/sh\n"
                + "prefix=''\n"
                + "while [ $# -gt 0 ]; do case \"$1\" in --prefix) prefix=\"$2\"; shift 2;; *) shift;; esac; done\n"
                + "echo \"$prefix\" >> '" + calls + "'\n"
                + "n=0\n"
                + "while [ \"$(wc -l < '" + calls + "')\" -lt " + waitForCalls + " ] && [ $n -lt 600 ]; do sleep 0.05; n=$((n+1)); done\n"
                + install;
        Path npm = temp.resolve("npm");
        Files.writeString(npm, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwx------"));
        return npm;
    }

    private ClaudeCodeInstall install(Path npm) {
        return new ClaudeCodeInstall(temp.resolve("cache"), VERSION, List.of(npm.toString()));
    }

    private long npmCalls() throws IOException {
        Path calls = temp.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls).size() : 0;
    }

    private List<String> attemptsLeft() throws IOException {
        try (Stream<Path> entries = Files.list(temp.resolve("cache"))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.contains("-installing-")).toList();
        }
    }

    @Test
    void installsOnceThenReusesTheFolder() throws Exception {
        ClaudeCodeInstall install = install(fakeNpm(VERSION, 1));
        assertTrue(install.installedExecutable().isEmpty());

        Path first = install.ensureInstalled();
        Path second = install.ensureInstalled();

        assertEquals(first, second);
        assertTrue(first.startsWith(install.folder()), first.toString());
        assertEquals(1, npmCalls());
        assertEquals(List.of(), attemptsLeft());
        assertEquals(first, install.installedExecutable().orElseThrow());
    }

    @Test
    void racingInstallsBothSucceedWithOneFolder() throws Exception {
        ClaudeCodeInstall install = install(fakeNpm(VERSION, 2));
        try (ExecutorService jvms = Executors.newFixedThreadPool(2)) {
            CompletableFuture<Path> a = CompletableFuture.supplyAsync(() -> ensure(install), jvms);
            CompletableFuture<Path> b = CompletableFuture.supplyAsync(() -> ensure(install), jvms);

            assertEquals(a.get(), b.get());
        }
        assertEquals(2, npmCalls()); // both really installed, so one rename lost the race
        assertEquals(List.of(), attemptsLeft());
    }

    private static Path ensure(ClaudeCodeInstall install) {
        try {
            return install.ensureInstalled();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void failingNpmReportsItsOutputAndLeavesNothing() throws Exception {
        ClaudeCodeInstall install = install(fakeNpm(null, 1));

        IOException failure = assertThrows(IOException.class, install::ensureInstalled);

        assertTrue(failure.getMessage().contains("404 Not Found"), failure.getMessage());
        assertFalse(Files.exists(install.folder()));
        assertEquals(List.of(), attemptsLeft());
    }

    @Test
    void aBinaryOfAnotherVersionIsRejected() throws Exception {
        ClaudeCodeInstall install = install(fakeNpm("1.0.0", 1));

        IOException failure = assertThrows(IOException.class, install::ensureInstalled);

        assertTrue(failure.getMessage().contains("reports version " + VERSION), failure.getMessage());
        assertFalse(Files.exists(install.folder()));
    }

    @Test
    void anIncompleteFolderIsNotMistakenForAnInstall() throws Exception {
        ClaudeCodeInstall install = install(fakeNpm(VERSION, 1));
        Files.createDirectories(install.folder().resolve("node_modules"));

        assertThrows(IllegalStateException.class, install::ensureInstalled);
        assertEquals(0, npmCalls());
    }

    @Test
    void abandonedAttemptsAreDeletedButYoungOnesKept() throws Exception {
        ClaudeCodeInstall install = install(fakeNpm(VERSION, 1));
        Path old = Files.createDirectories(temp.resolve("cache/.claude-code-" + VERSION + "-installing-old/node_modules"));
        Files.setLastModifiedTime(old.getParent(), FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path young = Files.createDirectories(temp.resolve("cache/.claude-code-" + VERSION + "-installing-young"));

        install.ensureInstalled();

        assertEquals(List.of(young.getFileName().toString()), attemptsLeft());
    }
}
