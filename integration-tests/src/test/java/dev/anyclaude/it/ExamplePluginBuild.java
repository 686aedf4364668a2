package dev.anyclaude.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds {@code docs/examples/echo-plugin} the way a plugin author would: as its own Maven project, with the
 * checkout's Maven wrapper, against the {@code plugin-api} artifact this build made. That artifact is "installed"
 * into a private local repository under {@code target/} (never into {@code ~/.m2}, which other builds share);
 * everything else the example needs is read from the user's {@code ~/.m2} (as a file repository, which holds
 * what this build used) first, then Maven Central.
 */
final class ExamplePluginBuild {
    private ExamplePluginBuild() {
    }

    /**
     * Builds the example and returns its JAR.
     *
     * @param work a scratch folder under {@code target/}; its {@code repository/} is kept between runs
     */
    static Path build(Path work) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("anyclaude.test.classes")).toAbsolutePath().normalize();
        String version = System.getProperty("anyclaude.version");
        Path repo = Files.createDirectories(work.resolve("repository"));
        installPluginApi(root, version, repo);

        Path project = work.resolve("echo-plugin");
        delete(project);
        copyTree(root.resolve("docs/examples/echo-plugin"), project);
        Path settings = Files.writeString(work.resolve("settings.xml"), settings(userRepository()));
        Path log = work.resolve("build.log");
        ProcessBuilder maven = new ProcessBuilder(root.resolve("mvnw").toString(), "-B", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repo, "-Danyclaude.version=" + version, "package")
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        maven.environment().put("JAVA_HOME", System.getProperty("java.home"));
        maven.environment().remove("MAVEN_ARGS");
        Process process = maven.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the example plugin's build took over 5 minutes; see " + log);
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log);
            throw new IllegalStateException("the example plugin did not build (exit " + process.exitValue() + "):\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
        }
        return project.resolve("target/anyclaude-echo-plugin-1.0.0.jar");
    }

    /** What {@code mvn install} of plugin-api would leave in {@code repo}: its JAR and POM, and the parent POM. */
    private static void installPluginApi(Path root, String version, Path repo) throws IOException {
        Path jar;
        try {
            jar = Path.of(dev.anyclaude.api.Backend.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("plugin-api is not a JAR on the test class path (" + jar + "): run "
                    + "through the reactor's verify (./mvnw verify -pl integration-tests -am)");
        }
        Path api = Files.createDirectories(repo.resolve("dev/anyclaude/plugin-api/" + version));
        Files.copy(jar, api.resolve("plugin-api-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(root.resolve("plugin-api/pom.xml"), api.resolve("plugin-api-" + version + ".pom"),
                StandardCopyOption.REPLACE_EXISTING);
        Path parent = Files.createDirectories(repo.resolve("dev/anyclaude/anyclaude-parent/" + version));
        Files.copy(root.resolve("pom.xml"), parent.resolve("anyclaude-parent-" + version + ".pom"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** The local repository this JVM's dependencies came from (the user's ~/.m2/repository, or -Dmaven.repo.local). */
    private static Path userRepository() {
        try {
            Path pf4j = Path.of(org.pf4j.PluginManager.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // .../org/pf4j/pf4j/VERSION/pf4j-VERSION.jar
            return pf4j.getParent().getParent().getParent().getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String settings(Path userRepository) {
        String url = userRepository.toUri().toString();
        String repository = """
                    <id>user-local</id><url>%s</url>
                    <releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>
                    <snapshots><enabled>false</enabled></snapshots>
                """.formatted(url);
        return """
                <settings>
                  <profiles><profile><id>user-local</id>
                    <repositories><repository>%s</repository></repositories>
                    <pluginRepositories><pluginRepository>%s</pluginRepository></pluginRepositories>
                  </profile></profiles>
                  <activeProfiles><activeProfile>user-local</activeProfile></activeProfiles>
                </settings>
                """.formatted(repository, repository);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.filter(p -> !from.relativize(p).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Deletes a folder tree, if it exists. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(files.toList());
            Collections.reverse(all);
            for (Path p : all) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
