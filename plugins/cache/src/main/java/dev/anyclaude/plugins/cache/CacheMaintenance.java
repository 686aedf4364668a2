package dev.anyclaude.plugins.cache;

import dev.anyclaude.api.Maintenance;
import dev.anyclaude.api.PluginContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.pf4j.Extension;

/**
 * {@code anyclaude cache stats} and {@code anyclaude cache clear}: open the disk tier of the configured folder in
 * this process, report or empty it, and close it. Ehcache locks the folder while a proxy uses it; then stats
 * reports the folder's size on disk and says where the live figures are, and clear refuses with the reason.
 */
@Extension
public final class CacheMaintenance implements Maintenance {

    @Override
    public String name() {
        return "cache";
    }

    @Override
    public Map<String, Object> run(String action, PluginContext context) {
        CacheConfig config = context.config(CacheConfig.class);
        if (config.diskMb() == 0) {
            throw new IllegalStateException("the cache has no disk tier (cache.diskMb is 0): nothing outlives a proxy");
        }
        Path folder = CacheMiddlewareFactory.folder(config, context);
        return switch (action) {
            case "stats" -> stats(config, folder);
            case "clear" -> clear(config, folder);
            default -> throw new IllegalArgumentException("unknown action '" + action + "'; known: stats, clear");
        };
    }

    private static Map<String, Object> stats(CacheConfig config, Path folder) {
        Map<String, Object> lines = new LinkedHashMap<>();
        lines.put("folder", folder);
        lines.put("disk tier", config.diskMb() + " MB, answers kept " + config.ttlSeconds() + " s");
        lines.put("heap tier", config.heapMb() != null ? config.heapMb() + " MB" : config.heapEntries() + " answers");
        try (AnswerStore store = AnswerStore.openPersistent(config, folder)) {
            lines.put("answers", store.entries());
            lines.put("bytes", store.diskBytes());
        } catch (RuntimeException e) {
            lines.put("bytes on disk", folderBytes(folder));
            lines.put("in use", "the folder cannot be opened (" + AnswerStore.reason(e) + "); a running anyclaude "
                    + "holds it: its live figures are at GET /metrics (anyclaude_cache_*)");
        }
        return lines;
    }

    private static Map<String, Object> clear(CacheConfig config, Path folder) {
        try (AnswerStore store = AnswerStore.openPersistent(config, folder)) {
            long entries = store.entries();
            store.clear();
            if (!store.persistent()) {
                throw new IllegalStateException("the disk tier at " + folder + " failed while clearing; see the log");
            }
            Map<String, Object> lines = new LinkedHashMap<>();
            lines.put("folder", folder);
            lines.put("cleared", entries + " answers");
            return lines;
        } catch (IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open " + folder + " (" + AnswerStore.reason(e) + "); stop the "
                    + "anyclaude that uses it first, then clear again", e);
        }
    }

    private static long folderBytes(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
