package dev.anyclaude.core.plugins;

import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.Metrics;
import dev.anyclaude.api.PluginContext;
import dev.anyclaude.api.http.UpstreamClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The context one backend or middleware instance is created with. */
public record DefaultPluginContext(String name, Map<String, Object> rawConfig, Path home, UpstreamClient http,
                                   JsonCodec json, Metrics metrics) implements PluginContext {

    public DefaultPluginContext {
        rawConfig = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rawConfig));
    }

    @Override
    public <T> T config(Class<T> type) {
        try {
            return json.convert(rawConfig, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public Path dataDir() {
        return ensure(home.resolve("data").resolve(name));
    }

    @Override
    public Path logDir() {
        return ensure(home.resolve("logs"));
    }

    private static Path ensure(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
