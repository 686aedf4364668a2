package dev.anyclaude.plugins.cache.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.MiddlewareFactory;
import dev.anyclaude.api.PluginContext;
import dev.anyclaude.plugins.cache.CacheKeys;
import java.nio.file.Path;
import org.pf4j.Extension;

/**
 * Middleware {@value #NAME}: records a session's exchanges to a folder, or replays them from it
 * ({@code --record DIR}, {@code --replay DIR}; docs/record-replay.md). It runs outermost, before the cache and any
 * repair, so a recording holds what the client saw and a replay answers before anything else runs.
 */
@Extension
public final class RecordMiddlewareFactory implements MiddlewareFactory {
    /** The middleware's name and config block. */
    public static final String NAME = "record";
    /** Outermost: lower than every other middleware's order. */
    public static final int ORDER = -1000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int order() {
        return ORDER;
    }

    /**
     * Replay reads the recording here (a folder that holds none fails the start, naming it, rather than the first
     * request); recording touches the folder only when the first exchange arrives.
     */
    @Override
    public Middleware create(PluginContext context) {
        RecordConfig config = context.config(RecordConfig.class);
        RecordConfig.Mode mode = config.checkedMode();
        Path dir = config.checkedDir();
        ObjectMapper mapper = new ObjectMapper();
        ExchangeKey keys = new ExchangeKey(new CacheKeys(mapper, context.json()));
        RequestSummary summary = new RequestSummary(mapper, context.json());
        return switch (mode) {
            case RECORD -> new RecordingMiddleware(new Recording(dir, mapper), keys, summary, context.json());
            case REPLAY -> new ReplayMiddleware(dir, Recording.load(dir, mapper), keys, summary, context.json());
        };
    }
}
