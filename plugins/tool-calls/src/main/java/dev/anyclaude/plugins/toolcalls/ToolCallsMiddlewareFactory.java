package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.MiddlewareFactory;
import dev.anyclaude.api.PluginContext;
import dev.anyclaude.plugins.toolcalls.request.ToolPromptRewriter;
import org.pf4j.Extension;

import java.util.Map;

/** Contributes the {@code toolCalls} middleware: tool calls a model printed as text become {@code tool_use}. */
@Extension
public final class ToolCallsMiddlewareFactory implements MiddlewareFactory {
    @Override
    public String name() {
        return "toolCalls";
    }

    @Override
    public Middleware create(PluginContext context) {
        Map<String, Object> block = context.rawConfig();
        boolean force = block.get("mode") instanceof String mode && mode.strip().equalsIgnoreCase("force");
        return new ToolCallsMiddleware(force
                ? ToolPromptRewriter.forFormat(block.get("format") instanceof String format ? format : null) : null);
    }
}
