package dev.anyclaude.testkit.claudecode;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One pinned version of the {@code @anthropic-ai/claude-code} npm package in a cache folder outside the build,
 * installed with the machine's {@code npm} the first time it is needed.
 *
 * <p>The package ships a native binary (through a per-platform optional dependency that npm picks), so Node.js is
 * needed only to install it. {@link #ensureInstalled()} is idempotent and safe when several JVMs race: each
 * installs into its own temporary folder beside the target, checks that the binary answers {@code --version}
 * with the pinned version, then renames the folder into place atomically; a loser of the race deletes its copy
 * and uses the winner's. A folder present under the final name is therefore always complete.
 *
 * <p>Defaults ({@link #pinned()}): version {@link #PINNED_VERSION}; cache root from the system property
 * {@code anyclaude.test.cache}, else the environment variable {@code ANYCLAUDE_TEST_CACHE}, else
 * {@code ~/.cache/anyclaude-test}; npm from the system property {@code anyclaude.test.npm}, else {@code npm} on
 * the PATH. The install needs the npm registry; running the binary afterwards needs no network.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ClaudeCodeInstall {

    /** The npm package. */
    public static final String PACKAGE = "@anthropic-ai/claude-code";
    /** The version the tests are written against (the newest on the registry when they were). */
    public static final String PINNED_VERSION = "2.1.331";

    private static final System.Logger LOG = System.getLogger(ClaudeCodeInstall.class.getName());
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration VERSION_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration STALE_AFTER = Duration.ofHours(1);
    private static final String EXECUTABLE_MARKER = ".anyclaude-executable";

    private final Path cacheRoot;
    private final String version;
    private final List<String> npmCommand;

    /**
     * An install of {@code version} under {@code cacheRoot/claude-code-<version>}, made with {@code npmCommand}
     * (e.g. {@code ["npm"]}) when missing. Nothing is touched until {@link #ensureInstalled()}.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code npmCommand} is empty
     */
    public ClaudeCodeInstall(Path cacheRoot, String version, List<String> npmCommand) {
        this.cacheRoot = cacheRoot.toAbsolutePath();
        this.version = Objects.requireNonNull(version, "version");
        this.npmCommand = List.copyOf(npmCommand);
        if (this.npmCommand.isEmpty()) {
            throw new IllegalArgumentException("npmCommand is empty");
        }
    }

    /** {@link #PINNED_VERSION} in the default cache root with the default npm (see the class comment). */
    public static ClaudeCodeInstall pinned() {
        String root = System.getProperty("anyclaude.test.cache", System.getenv("ANYCLAUDE_TEST_CACHE"));
        Path cacheRoot = root != null && !root.isBlank()
                ? Path.of(root)
                : Path.of(System.getProperty("user.home"), ".cache", "anyclaude-test");
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        String npm = System.getProperty("anyclaude.test.npm", windows ? "npm.cmd" : "npm");
        return new ClaudeCodeInstall(cacheRoot, PINNED_VERSION, List.of(npm));
    }

    /** The version this install holds. */
    public String version() {
        return version;
    }

    /** The final folder, {@code <cacheRoot>/claude-code-<version>}; it exists only once the install is complete. */
    public Path folder() {
        return cacheRoot.resolve("claude-code-" + version);
    }

    /** The executable when the install is complete, else empty. Never installs. */
    public Optional<Path> installedExecutable() {
        Path marker = folder().resolve(EXECUTABLE_MARKER);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        try {
            Path executable = folder().resolve(Files.readString(marker, StandardCharsets.UTF_8).strip());
            return Files.isExecutable(executable) ? Optional.of(executable) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + marker, e);
        }
    }

    /**
     * The path of the {@code claude} executable, installing the package first if needed (this takes seconds to
     * minutes: the native binary is about 400 MB unpacked).
     *
     * @throws IOException           if npm fails or times out, or the installed binary does not report
     *                               {@link #version()}; the message includes the tail of npm's output
     * @throws IllegalStateException if {@link #folder()} exists but is not a complete install (delete it)
     * @throws InterruptedException  if interrupted while npm runs
     */
    public Path ensureInstalled() throws IOException, InterruptedException {
        Optional<Path> existing = installedExecutable();
        if (existing.isPresent()) {
            return existing.get();
        }
        if (Files.exists(folder())) {
            throw new IllegalStateException(folder() + " exists but holds no complete install; delete it");
        }
        Files.createDirectories(cacheRoot);
        deleteStaleAttempts();
        Path attempt = Files.createTempDirectory(cacheRoot, attemptPrefix());
        try {
            LOG.log(Level.INFO, "installing {0}@{1} into {2}", PACKAGE, version, folder());
            Path executable = install(attempt);
            Files.writeString(attempt.resolve(EXECUTABLE_MARKER), attempt.relativize(executable).toString(),
                    StandardCharsets.UTF_8);
            publish(attempt);
        } finally {
            if (Files.exists(attempt)) {
                deleteRecursively(attempt);
            }
        }
        return installedExecutable().orElseThrow(
                () -> new IOException("install of " + PACKAGE + "@" + version + " vanished from " + folder()));
    }

    private String attemptPrefix() {
        return ".claude-code-" + version + "-installing-";
    }

    /** Runs npm in {@code attempt} and returns the binary that reports the pinned version. */
    private Path install(Path attempt) throws IOException, InterruptedException {
        // A package.json makes npm treat the folder as the project root instead of searching upwards for one.
        Files.writeString(attempt.resolve("package.json"), "{\"private\":true}\n", StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(npmCommand);
        command.addAll(List.of("install", "--prefix", attempt.toString(), "--no-save", "--no-package-lock",
                "--no-audit", "--no-fund", "--loglevel=error", PACKAGE + "@" + version));
        Path log = attempt.resolve("npm-install.log");
        Process npm = new ProcessBuilder(command)
                .directory(attempt.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .start();
        if (!npm.waitFor(NPM_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            ProcessKiller.killTree(npm);
            throw new IOException("npm install timed out after " + NPM_TIMEOUT.toMinutes() + " min: " + tail(log));
        }
        if (npm.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + npm.exitValue() + ": " + tail(log));
        }
        for (Path candidate : candidates(attempt)) {
            if (reportsVersion(candidate, attempt)) {
                return candidate;
            }
        }
        throw new IOException("no binary in " + attempt + " reports version " + version + "; tried "
                + candidates(attempt) + "; npm said: " + tail(log));
    }

    /**
     * The package's {@code bin/claude.exe} (replaced by the native binary in npm's postinstall), then the native
     * binary of each installed platform package, for npm setups that skip install scripts.
     */
    private static List<Path> candidates(Path attempt) throws IOException {
        Path scope = attempt.resolve("node_modules").resolve("@anthropic-ai");
        List<Path> found = new ArrayList<>();
        found.add(scope.resolve("claude-code").resolve("bin").resolve("claude.exe"));
        if (Files.isDirectory(scope)) {
            try (Stream<Path> packages = Files.list(scope)) {
                packages.filter(p -> p.getFileName().toString().startsWith("claude-code-")).sorted().forEach(p -> {
                    found.add(p.resolve("claude"));
                    found.add(p.resolve("claude.exe"));
                });
            }
        }
        return found.stream().filter(Files::isExecutable).toList();
    }

    private boolean reportsVersion(Path candidate, Path attempt) throws IOException, InterruptedException {
        Path home = Files.createDirectories(attempt.resolve("version-check-home"));
        Path out = attempt.resolve("version-check.log");
        ProcessBuilder builder = new ProcessBuilder(candidate.toString(), "--version")
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.environment().put("HOME", home.toString());
        builder.environment().put("DISABLE_AUTOUPDATER", "1");
        builder.environment().put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        Process process = builder.start();
        if (!process.waitFor(VERSION_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            ProcessKiller.killTree(process);
            LOG.log(Level.WARNING, "{0} --version did not answer within {1}s", candidate, VERSION_TIMEOUT.toSeconds());
            return false;
        }
        String said = Files.readString(out, StandardCharsets.UTF_8);
        deleteRecursively(home);
        if (process.exitValue() == 0 && said.contains(version)) {
            return true;
        }
        LOG.log(Level.WARNING, "{0} --version exited {1}: {2}", candidate, process.exitValue(), said.strip());
        return false;
    }

    /** Renames the finished attempt to the final folder; if another JVM got there first, keeps theirs. */
    private void publish(Path attempt) throws IOException {
        try {
            Files.move(attempt, folder(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Losing the race shows up as FileAlreadyExists, DirectoryNotEmpty or (on Linux) a plain
            // FileSystemException for ENOTEMPTY; what counts is whether a complete install is now in place.
            if (installedExecutable().isEmpty()) {
                throw e;
            }
            LOG.log(Level.INFO, "another process installed {0} first; using its copy", folder());
        }
    }

    /** Deletes attempts that a killed JVM left behind; young ones may still be running and are left alone. */
    private void deleteStaleAttempts() throws IOException {
        Instant cutoff = Instant.now().minus(STALE_AFTER);
        try (Stream<Path> entries = Files.list(cacheRoot)) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().startsWith(attemptPrefix())).toList()) {
                FileTime modified = Files.getLastModifiedTime(entry);
                if (modified.toInstant().isBefore(cutoff)) {
                    LOG.log(Level.INFO, "deleting abandoned install attempt {0}", entry);
                    try {
                        deleteRecursively(entry);
                    } catch (IOException | UncheckedIOException e) {
                        // Another JVM may be deleting it at the same time; a leftover only wastes disk space.
                        LOG.log(Level.WARNING, "could not delete " + entry + "; leaving it", e);
                    }
                }
            }
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        String text = Files.readString(log, StandardCharsets.UTF_8).strip();
        return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
    }

    static File nullDevice() {
        return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
    }

    /** Deletes a folder tree; symbolic links are deleted, never followed. */
    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public String toString() {
        return "ClaudeCodeInstall[" + PACKAGE + "@" + version + " in " + folder() + "]";
    }
}
