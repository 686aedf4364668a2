package dev.anyclaude.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The plugin JARs this build produced, copied to {@code target/plugins} by the build. */
final class TestPlugins {
    private TestPlugins() {
    }

    static Path folder() {
        String dir = System.getProperty("anyclaude.test.plugins");
        if (dir == null) {
            throw new IllegalStateException("run through Maven: anyclaude.test.plugins is not set");
        }
        return Path.of(dir);
    }

    /** The JAR of the plugin whose artifact id is {@code name}. */
    static Path jar(String name) {
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(p -> p.getFileName().toString().startsWith(name + "-") && p.toString().endsWith(".jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no " + name + " plugin JAR in " + folder()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
