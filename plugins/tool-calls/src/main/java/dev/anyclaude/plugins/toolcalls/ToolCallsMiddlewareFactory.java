package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.MiddlewareFactory;
import dev.anyclaude.api.PluginContext;
import org.pf4j.Extension;

import java.util.Map;

/**
 * Contributes the {@code toolCalls} middleware: tool calls a model printed as text become {@code tool_use}. On by
 * default for every backend but Anthropic's own API (type {@code anthropic} or {@code claude} without
 * {@code "mode": "compatible"}), whose models never print calls as text.
 */
@Extension
public final class ToolCallsMiddlewareFactory implements MiddlewareFactory {
    @Override
    public String name() {
        return "toolCalls";
    }

    @Override
    public boolean onByDefault(String backendType, Map<String, Object> backendSettings) {
        boolean anthropicApi = backendType.equals("anthropic") || backendType.equals("claude");
        return !anthropicApi || "compatible".equals(backendSettings.get("mode"));
    }

    @Override
    public Middleware create(PluginContext context) {
        return new ToolCallsMiddleware(context.rawConfig(), context.json());
    }
}
