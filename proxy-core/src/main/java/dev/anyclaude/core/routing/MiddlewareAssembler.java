package dev.anyclaude.core.routing;

import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.MiddlewareFactory;
import dev.anyclaude.api.PluginContext;
import dev.anyclaude.core.config.BackendEntry;
import dev.anyclaude.core.config.ConfigException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Decides which middleware runs for which backend, and builds one pipeline per backend:
 * <ul>
 *   <li>a middleware is on for every backend when its top-level block exists ({@code "cache": {...}}) and does not
 *       say {@code "enabled": false};</li>
 *   <li>a backend entry switches it for itself with a key of the middleware's name: {@code false} or
 *       {@code "off"} turns it off, {@code true} or another mode string turns it on for that backend even without
 *       a top-level block; an object ({@code "toolCalls": {"mode": "force"}}) is on unless its {@code mode} is
 *       {@code "off"} or its {@code enabled} is {@code false};</li>
 *   <li>with neither, {@link MiddlewareFactory#onByDefault} decides from the backend's type and block;</li>
 *   <li>pipelines run in {@link MiddlewareFactory#order()} order, lowest first (closest to the client).</li>
 * </ul>
 * One instance of each middleware that is on anywhere is created and shared by the pipelines that use it; each
 * pipeline hands it that backend's own setting ({@link dev.anyclaude.api.Middleware.Chain#backendSetting()}).
 */
public final class MiddlewareAssembler {
    private MiddlewareAssembler() {
    }

    /** What was built: pipelines by backend, and every middleware instance (to close them). */
    public record Assembly(Map<String, MiddlewarePipeline> pipelines, List<Middleware> instances) {
        /** The pipeline of a backend; an empty one for a backend without middleware. */
        public MiddlewarePipeline pipeline(String backend) {
            return pipelines.getOrDefault(backend, new MiddlewarePipeline(List.of()));
        }
    }

    /**
     * @param contexts makes a middleware's context from its name and its block
     * @throws ConfigException naming the field when a switch is not a boolean or a middleware rejects its block
     */
    public static Assembly assemble(List<MiddlewareFactory> factories, Map<String, Map<String, Object>> blocks,
                                    Map<String, BackendEntry> backends,
                                    BiFunction<String, Map<String, Object>, PluginContext> contexts) {
        List<MiddlewareFactory> ordered = new ArrayList<>(factories);
        ordered.sort(Comparator.comparingInt(MiddlewareFactory::order).thenComparing(MiddlewareFactory::name));
        Map<String, Middleware> instances = new LinkedHashMap<>();
        Map<String, List<MiddlewarePipeline.Named>> chains = new LinkedHashMap<>();
        for (BackendEntry backend : backends.values()) {
            if (!backend.enabled()) {
                continue;
            }
            List<MiddlewarePipeline.Named> chain = new ArrayList<>();
            for (MiddlewareFactory factory : ordered) {
                if (on(factory, blocks.get(factory.name()), backend)) {
                    Middleware middleware = instances.computeIfAbsent(factory.name(),
                            name -> create(factory, blocks.getOrDefault(name, Map.of()), contexts));
                    chain.add(new MiddlewarePipeline.Named(factory.name(), middleware,
                            backend.settings().get(factory.name())));
                }
            }
            chains.put(backend.name(), chain);
        }
        Map<String, MiddlewarePipeline> pipelines = new LinkedHashMap<>();
        chains.forEach((backend, chain) -> pipelines.put(backend, new MiddlewarePipeline(chain)));
        return new Assembly(pipelines, List.copyOf(instances.values()));
    }

    private static boolean on(MiddlewareFactory factory, Map<String, Object> block, BackendEntry backend) {
        String name = factory.name();
        Object perBackend = backend.settings().get(name);
        if (perBackend instanceof Boolean enabled) {
            return enabled;
        }
        if (perBackend instanceof String mode) {
            // A middleware may take a mode per backend ("toolCalls": "off" | "auto" | "force"); only "off" is off.
            return !mode.equalsIgnoreCase("off");
        }
        if (perBackend instanceof Map<?, ?> settings) {
            return !Boolean.FALSE.equals(settings.get("enabled"))
                    && !(settings.get("mode") instanceof String mode && mode.equalsIgnoreCase("off"));
        }
        if (perBackend != null) {
            throw new ConfigException("backends." + backend.name() + "." + name + ": must be true, false, a mode "
                    + "string or an object (switches the " + name + " middleware for this backend)");
        }
        if (block != null) {
            return !Boolean.FALSE.equals(block.get("enabled"));
        }
        return factory.onByDefault(backend.type(), backend.settings());
    }

    private static Middleware create(MiddlewareFactory factory, Map<String, Object> block,
                                     BiFunction<String, Map<String, Object>, PluginContext> contexts) {
        try {
            return factory.create(contexts.apply(factory.name(), block));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(factory.name() + "." + e.getMessage(), e);
        }
    }
}
