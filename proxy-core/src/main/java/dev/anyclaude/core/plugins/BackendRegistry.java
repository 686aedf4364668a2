package dev.anyclaude.core.plugins;

import dev.anyclaude.api.Backend;
import dev.anyclaude.api.BackendFactory;
import dev.anyclaude.api.PluginContext;
import dev.anyclaude.core.config.BackendEntry;
import dev.anyclaude.core.config.ConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured backends by name, each created by the plugin whose type (or alias) its entry names, started
 * with the proxy and closed with it.
 */
public final class BackendRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackendRegistry.class);

    private final Map<String, Backend> backends;
    private final Map<String, String> types;

    private BackendRegistry(Map<String, Backend> backends, Map<String, String> types) {
        this.backends = Collections.unmodifiableMap(backends);
        this.types = Collections.unmodifiableMap(types);
    }

    /**
     * Creates one backend per enabled entry.
     *
     * @param contexts makes the context for an entry
     * @throws ConfigException naming the entry when its type is unknown or its plugin rejects the config
     */
    public static BackendRegistry create(Map<String, BackendEntry> entries, List<BackendFactory> factories,
                                         Function<BackendEntry, PluginContext> contexts) {
        return create(entries, factories, contexts, (entry, backend) -> backend);
    }

    /**
     * Creates one backend per enabled entry and wraps each with {@code decorate} (the proxy's reliability
     * guard); an {@link IllegalArgumentException} from either names a field of the entry.
     */
    public static BackendRegistry create(Map<String, BackendEntry> entries, List<BackendFactory> factories,
                                         Function<BackendEntry, PluginContext> contexts,
                                         java.util.function.BiFunction<BackendEntry, Backend, Backend> decorate) {
        Map<String, BackendFactory> byType = new LinkedHashMap<>();
        for (BackendFactory factory : factories) {
            byType.putIfAbsent(factory.type(), factory);
            for (String alias : factory.aliases()) {
                byType.putIfAbsent(alias, factory);
            }
        }
        Map<String, Backend> backends = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (BackendEntry entry : entries.values()) {
            if (!entry.enabled()) {
                continue;
            }
            BackendFactory factory = byType.get(entry.type());
            if (factory == null) {
                String implicit = entry.settings().isEmpty() ? " (\"" + entry.name() + "\" has no entry in backends, "
                        + "so its type is its name)" : "";
                throw new ConfigException("backends." + entry.name() + ".type: unknown backend type '" + entry.type()
                        + "'" + implicit + "; known types: " + (byType.isEmpty() ? "none (no backend plugin was loaded)"
                        : String.join(", ", new TreeSet<>(byType.keySet()))));
            }
            try {
                backends.put(entry.name(), decorate.apply(entry, factory.create(contexts.apply(entry))));
                types.put(entry.name(), factory.type());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("backends." + entry.name() + "." + e.getMessage(), e);
            }
        }
        return new BackendRegistry(backends, types);
    }

    /** Starts every backend, in config order. */
    public void start() {
        for (Map.Entry<String, Backend> entry : backends.entrySet()) {
            entry.getValue().start();
            LOG.info("backend {} ({}) started", entry.getKey(), types.get(entry.getKey()));
        }
    }

    /** The backend with this name. */
    public Optional<Backend> get(String name) {
        return Optional.ofNullable(backends.get(name));
    }

    /** The names of all backends, in config order. */
    public List<String> names() {
        return new ArrayList<>(backends.keySet());
    }

    /** The plugin type serving this backend. */
    public String typeOf(String name) {
        return types.get(name);
    }

    @Override
    public void close() {
        for (Map.Entry<String, Backend> entry : backends.entrySet()) {
            try {
                entry.getValue().close();
            } catch (RuntimeException e) {
                LOG.warn("backend {} failed to close cleanly; going on with the others", entry.getKey(), e);
            }
        }
    }
}
