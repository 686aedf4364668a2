package dev.anyclaude.api;

import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * The middleware extension point: a plugin contributes a middleware by implementing this interface in a class
 * annotated with PF4J's {@code @Extension}. The proxy creates one {@link Middleware} when the config enables it
 * (a top-level block named {@link #name()}), or when {@link #onByDefault} says so for some backend; backend
 * entries switch it on or off for themselves. One instance serves every backend it is on for; it reads the
 * backend's own setting at call time from {@link Middleware.Chain#backendSetting()}.
 */
public interface MiddlewareFactory extends ExtensionPoint {

    /** The middleware's name, also the key of its config block (for example {@code "cache"}). */
    String name();

    /**
     * Where it sits in the chain: lower runs first (closer to the client). The default is 100.
     */
    default int order() {
        return 100;
    }

    /**
     * Whether the middleware is on for a backend whose entry has no key named {@link #name()}, when the config
     * has no top-level block of that name either (a top-level block, or the backend's own key, always decides
     * first). The default is {@code false}: a middleware is off unless configured. A middleware that repairs what
     * only some servers get wrong turns itself on for those:
     *
     * <pre>{@code
     * public boolean onByDefault(String backendType, Map<String, Object> backendSettings) {
     *     return !backendType.equals("anthropic") || "compatible".equals(backendSettings.get("mode"));
     * }
     * }</pre>
     *
     * <p>Called once per backend entry while the proxy starts; must not do I/O.
     *
     * @param backendType     the entry's plugin type as configured ({@code "openai"}, {@code "anthropic"}, ...),
     *                        never null
     * @param backendSettings the entry's whole config block, unmodifiable, never null
     */
    default boolean onByDefault(String backendType, Map<String, Object> backendSettings) {
        return false;
    }

    /**
     * Creates the middleware. Must not do I/O beyond reading its config.
     *
     * @throws IllegalArgumentException naming the field when the config block is invalid
     */
    Middleware create(PluginContext context);
}
