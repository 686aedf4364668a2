package com.example.anyclaude.echo;

import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.MiddlewareFactory;
import dev.anyclaude.api.PluginContext;
import org.pf4j.Extension;

/**
 * Middleware {@code shout}: on for every backend once the config has a top-level {@code "shout": {}} block (a
 * backend entry turns it off with {@code "shout": false}).
 */
@Extension
public final class ShoutMiddlewareFactory implements MiddlewareFactory {

    @Override
    public String name() {
        return "shout";
    }

    @Override
    public Middleware create(PluginContext context) {
        return new ShoutMiddleware();
    }
}
