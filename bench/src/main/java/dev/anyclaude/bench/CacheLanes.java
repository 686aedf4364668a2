package dev.anyclaude.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The cache-hit lanes: the passthrough JSON lane with the cache middleware on, every measured request a hit (the
 * warm-up's first requests fill the entries), served from the heap tier, or from the disk tier.
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

    /** Distinct questions cycled on the disk lane: more than the heap tier holds, so every hit comes from disk. */
    static final int DISK_VARIANTS = 8;

    /**
     * The top-level {@code cache} block for a tier: a heap of 1,000 answers and no disk; or a heap of one answer
     * and a disk tier (under the run's scratch folder), which {@link #DISK_VARIANTS} questions in turn miss in the
     * heap every time.
     */
    static String config(String tier, Path work) {
        return tier.equals("heap")
                ? "{\"heapEntries\":1000,\"diskMb\":0}"
                : "{\"heapEntries\":1,\"diskMb\":64,\"path\":\"" + work.resolve("cache-disk") + "\"}";
    }

    /** How many distinct questions a tier's lane cycles through. */
    static int variants(String tier) {
        return tier.equals("heap") ? 1 : DISK_VARIANTS;
    }
}
