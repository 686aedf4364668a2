package dev.anyclaude.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code chromium}, driven by Playwright ({@code playwright-core} from npm, pinned, in
 * {@code ~/.cache/anyclaude-test}; never Playwright's own browser download). Installs what is missing the first
 * time: chromium with apt-get when running as root, playwright-core with npm. When either cannot be had, the test
 * is skipped with a message that says why.
 */
final class HeadlessChromium {
    static final String PLAYWRIGHT_VERSION = "1.65.1";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private HeadlessChromium() {
    }

    /** The chromium executable, installed with apt-get if missing and possible; skips the test otherwise. */
    static Path chromium() {
        if (!Files.isExecutable(CHROMIUM) && Files.isExecutable(Path.of("/usr/bin/apt-get"))
                && "root".equals(System.getProperty("user.name"))) {
            run(List.of("sh", "-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"),
                    Path.of(System.getProperty("java.io.tmpdir")), 15);
        }
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "Chromium is not installed and could not be (needs root and apt-get): apt-get install chromium");
        return CHROMIUM;
    }

    /** {@code node_modules/playwright-core} of the pinned version, installed with npm if missing; skips otherwise. */
    static Path playwrightCore() {
        Path root = cacheRoot();
        Path folder = root.resolve("playwright-core-" + PLAYWRIGHT_VERSION);
        Path module = folder.resolve("node_modules/playwright-core");
        if (Files.isRegularFile(module.resolve("package.json"))) {
            return module;
        }
        try {
            Files.createDirectories(root);
            Path attempt = Files.createTempDirectory(root, ".playwright-core-installing-");
            Files.writeString(attempt.resolve("package.json"), "{\"private\":true}\n");
            int exit = run(List.of("npm", "install", "--prefix", attempt.toString(), "--no-save", "--no-package-lock",
                    "--no-audit", "--no-fund", "--loglevel=error", "playwright-core@" + PLAYWRIGHT_VERSION), attempt, 10);
            Assumptions.assumeTrue(exit == 0, "npm could not install playwright-core@" + PLAYWRIGHT_VERSION);
            try {
                Files.move(attempt, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                // Another JVM installed it first; its copy is complete (moved atomically), ours is not needed.
                deleteQuietly(attempt);
            }
        } catch (IOException e) {
            Assumptions.abort("cannot install playwright-core: " + e);
        }
        Assumptions.assumeTrue(Files.isRegularFile(module.resolve("package.json")), "playwright-core is missing from " + folder);
        return module;
    }

    /**
     * Runs the resource script {@code dashboard/check-dashboard.cjs} against {@code url}, waiting for the row of
     * {@code requestId}; returns its one line of JSON.
     */
    static String checkDashboard(String url, String requestId, Path scratch) throws IOException, InterruptedException {
        Path chromium = chromium();
        Path playwright = playwrightCore();
        Path script = scratch.resolve("check-dashboard.cjs");
        try (var in = HeadlessChromium.class.getResourceAsStream("/dashboard/check-dashboard.cjs")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path profile = Files.createDirectories(scratch.resolve("chromium-profile"));
        ProcessBuilder builder = new ProcessBuilder("node", script.toString(), url, requestId, profile.toString())
                .directory(scratch.toFile()).redirectError(scratch.resolve("node-stderr.txt").toFile());
        builder.environment().put("PLAYWRIGHT_CORE", playwright.toString());
        builder.environment().put("CHROMIUM", chromium.toString());
        builder.environment().put("HOME", scratch.toString());
        Process node = builder.start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(2, TimeUnit.MINUTES)) {
            node.destroyForcibly();
            throw new IllegalStateException("the browser check did not finish in 2 minutes");
        }
        if (out.isBlank()) {
            throw new IllegalStateException("the browser check printed nothing; stderr: "
                    + Files.readString(scratch.resolve("node-stderr.txt")));
        }
        return out.strip();
    }

    private static Path cacheRoot() {
        String root = System.getProperty("anyclaude.test.cache", System.getenv("ANYCLAUDE_TEST_CACHE"));
        return root != null && !root.isBlank() ? Path.of(root) : Path.of(System.getProperty("user.home"), ".cache", "anyclaude-test");
    }

    private static int run(List<String> command, Path dir, int minutes) {
        try {
            Path log = Files.createTempFile("anyclaude-install", ".log");
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(files.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A leftover temporary folder in the cache is harmless; the next install uses a new one.
        }
    }
}
