package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.MiddlewareFactory;
import dev.anyclaude.api.PluginContext;
import org.pf4j.Extension;

/** Contributes the {@code toolCalls} middleware: tool calls a model printed as text become {@code tool_use}. */
@Extension
public final class ToolCallsMiddlewareFactory implements MiddlewareFactory {
    @Override
    public String name() {
        return "toolCalls";
    }

    @Override
    public Middleware create(PluginContext context) {
        return new ToolCallsMiddleware(context.rawConfig());
    }
}
