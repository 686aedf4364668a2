package dev.anyclaude.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The cache-hit lanes: the passthrough JSON lane with the cache middleware on, every measured request a hit (the
 * warm-up's first request fills the entry), served from the heap tier or from the disk tier alone.
 */
final class CacheLanes {
    private CacheLanes() {
    }

    /** The cache plugin's JAR among the bench's plugins, if it was built. */
    static Optional<Path> pluginJar(Path plugins) throws IOException {
        if (!Files.isDirectory(plugins)) {
            return Optional.empty();
        }
        try (Stream<Path> jars = Files.list(plugins)) {
            return jars.filter(p -> p.getFileName().toString().startsWith("cache")).findFirst();
        }
    }

    /** The top-level {@code cache} block for a tier: heap only, or disk only (under the run's scratch folder). */
    static String config(String tier, Path work) {
        return tier.equals("heap")
                ? "{\"enabled\":true,\"heap\":{\"entries\":1000},\"disk\":{\"enabled\":false}}"
                : "{\"enabled\":true,\"heap\":{\"entries\":0},\"disk\":{\"enabled\":true,\"dir\":\"" + work.resolve("cache-disk") + "\"}}";
    }
}
