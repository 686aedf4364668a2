package dev.anyclaude.testkit.terracotta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Ehcache clustered kit ({@code org.ehcache:ehcache-clustered:<version>:kit@tgz}, unpacked by the build) and a
 * JDK to run its Terracotta server with.
 *
 * <p>The kit is found through the system property {@value #KIT_PROPERTY} (integration-tests' Surefire sets it to
 * the folder its build unpacked). The JDK is the one named by {@value #JAVA_PROPERTY}, else the first of these
 * that has {@code bin/java}: a JDK 17 (the newest Java the Terracotta 5.9 server line is built for), else the
 * newest JDK 11 or later, looked for in {@code $JAVA_HOME}, {@code /usr/lib/jvm/*} and the running JVM (the
 * server was also seen to run on 25). Versions are read from each JDK's {@code release} file, so nothing is
 * started to look.
 *
 * @param home     the unpacked kit ({@code ehcache-clustered-<version>-kit/})
 * @param javaHome the JDK the server runs on
 */
public record TerracottaKit(Path home, Path javaHome) {
    /** Names the unpacked kit folder. */
    public static final String KIT_PROPERTY = "anyclaude.test.terracottaKit";
    /** Names the JDK to run the server with, overriding the search. */
    public static final String JAVA_PROPERTY = "anyclaude.test.terracottaJavaHome";

    private static final int PREFERRED_MAJOR = 17;
    private static final int OLDEST_MAJOR = 11;
    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(?:1\\.)?(\\d+)");

    public TerracottaKit {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(javaHome, "javaHome");
    }

    /** The kit and a JDK for it, or why there is none (for a test's assumption message). */
    public static Lookup find() {
        String kitProperty = System.getProperty(KIT_PROPERTY);
        if (kitProperty == null || kitProperty.isBlank()) {
            return Lookup.missing("the Terracotta kit is unknown: system property " + KIT_PROPERTY
                    + " is not set (the integration-tests build unpacks the kit and sets it)");
        }
        Path home = Path.of(kitProperty).toAbsolutePath();
        if (!Files.isRegularFile(startScript(home))) {
            return Lookup.missing("the Terracotta kit at " + home + " has no server/bin/start-tc-server.sh");
        }
        String javaProperty = System.getProperty(JAVA_PROPERTY);
        if (javaProperty != null && !javaProperty.isBlank()) {
            Path javaHome = Path.of(javaProperty);
            return Files.isExecutable(javaHome.resolve("bin/java"))
                    ? Lookup.found(new TerracottaKit(home, javaHome))
                    : Lookup.missing(JAVA_PROPERTY + " names " + javaHome + ", which has no bin/java");
        }
        return pickJdk(candidates())
                .map(javaHome -> Lookup.found(new TerracottaKit(home, javaHome)))
                .orElseGet(() -> Lookup.missing("no JDK " + OLDEST_MAJOR + " or newer for the Terracotta server in "
                        + "$JAVA_HOME, /usr/lib/jvm or java.home; install openjdk-17-jre-headless or set "
                        + JAVA_PROPERTY));
    }

    /** The server's start script. */
    public Path startScript() {
        return startScript(home);
    }

    private static Path startScript(Path home) {
        return home.resolve("server/bin/start-tc-server.sh");
    }

    /** A JDK 17 if there is one, else the newest 11 or later. */
    static Optional<Path> pickJdk(List<Path> candidates) {
        record Jdk(Path home, int major) {
        }
        List<Jdk> usable = new ArrayList<>();
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate.resolve("bin/java"))) {
                int major = major(candidate);
                if (major >= OLDEST_MAJOR) {
                    usable.add(new Jdk(candidate, major));
                }
            }
        }
        return usable.stream()
                .max(Comparator.<Jdk>comparingInt(jdk -> jdk.major() == PREFERRED_MAJOR ? 1 : 0)
                        .thenComparingInt(Jdk::major))
                .map(Jdk::home);
    }

    /** The JDK's feature version from its {@code release} file, or 0 when it cannot be read. */
    static int major(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        try {
            Matcher matcher = JAVA_VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> candidates() {
        List<Path> candidates = new ArrayList<>();
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            candidates.add(Path.of(javaHome));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> entries = Files.list(jvms)) {
                entries.sorted().forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        candidates.add(Path.of(System.getProperty("java.home")));
        return candidates;
    }

    /**
     * The outcome of {@link #find()}: a kit, or the reason there is none.
     *
     * @param kit    the kit, or null
     * @param reason why there is no kit, or null
     */
    public record Lookup(TerracottaKit kit, String reason) {

        static Lookup found(TerracottaKit kit) {
            return new Lookup(kit, null);
        }

        static Lookup missing(String reason) {
            return new Lookup(null, reason);
        }

        /** True when a kit and a JDK were found. */
        public boolean present() {
            return kit != null;
        }
    }
}
