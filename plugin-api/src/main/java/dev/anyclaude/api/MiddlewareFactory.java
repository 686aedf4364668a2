package dev.anyclaude.api;

import org.pf4j.ExtensionPoint;

/**
 * The middleware extension point: a plugin contributes a middleware by implementing this interface in a class
 * annotated with PF4J's {@code @Extension}. The proxy creates one {@link Middleware} when the config enables it
 * (a top-level block named {@link #name()}); backend entries switch it on or off for themselves.
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
     * Creates the middleware. Must not do I/O beyond reading its config.
     *
     * @throws IllegalArgumentException naming the field when the config block is invalid
     */
    Middleware create(PluginContext context);
}
