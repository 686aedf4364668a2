package dev.anyclaude.plugins.cache;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.MiddlewareFactory;
import dev.anyclaude.api.PluginContext;
import java.nio.file.Path;
import java.time.Clock;
import org.pf4j.Extension;

/**
 * Contributes the {@code cache} middleware. It runs first (order 10, closest to the client), so it stores the
 * answer the client finally gets, after every other middleware (tool-call repair) has shaped it.
 */
@Extension
public final class CacheMiddlewareFactory implements MiddlewareFactory {
    /** Reads request bodies into trees for keying; allows the long strings (base64 images) the proxy accepts. */
    private static final ObjectMapper MAPPER = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(64 * 1024 * 1024).build())
            .build());

    @Override
    public String name() {
        return "cache";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Middleware create(PluginContext context) {
        CacheConfig config = context.config(CacheConfig.class);
        Runnable evictions = CacheCounters.evictions(context.metrics());
        CacheMiddleware middleware = new CacheMiddleware(config, new CacheKeys(MAPPER, context.json()), context.json(),
                context.metrics(), () -> {
                    SharedStore shared = SharedStore.acquire(folder(config, context), config, evictions);
                    context.metrics().gauge("anyclaude.cache.entries", shared::entries);
                    context.metrics().gauge("anyclaude.cache.disk.bytes", shared::diskBytes);
                    context.metrics().gauge("anyclaude.cache.waiting", () -> shared.waiting().get());
                    return shared;
                }, Clock.systemUTC());
        return middleware;
    }

    /**
     * The disk tier's folder: {@code path} from the config ({@code ~} is the home folder), else {@code cache} beside
     * the log folder, that is {@code ~/.anyclaude/cache}, where users look for it.
     */
    static Path folder(CacheConfig config, PluginContext context) {
        if (config.path() == null || config.path().isBlank()) {
            return context.logDir().resolveSibling("cache");
        }
        String path = config.path().strip();
        if (path.equals("~") || path.startsWith("~/")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Path.of(path);
    }
}
