package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.Tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wraps an event reply so that tool calls printed as text (every family of {@link Family}) become
 * {@code tool_use} blocks, per the serving backend's {@link ToolCallSettings}. Raw (Anthropic-wire) replies
 * pass through untouched in this version, as do calls that declare no client tools.
 */
final class ToolCallsMiddleware implements Middleware {
    private final Map<String, Object> defaults;

    /** @param defaults the top-level {@code toolCalls} block, which a backend's own value overrides */
    ToolCallsMiddleware(Map<String, Object> defaults) {
        this.defaults = Map.copyOf(defaults);
        ToolCallSettings.parse(null, this.defaults); // rejects a bad block at startup
    }

    @Override
    public Reply intercept(Chain chain) {
        Reply reply = chain.proceed(chain.call());
        ToolCallSettings settings = settings(chain);
        if (!(reply instanceof Reply.Events events) || settings.mode() == ToolCallSettings.Mode.OFF) {
            return reply;
        }
        Map<String, Tool> tools = clientTools(chain.call().request().tools());
        if (tools.isEmpty()) {
            return reply;
        }
        return Reply.events(new ToolCallStream(events.events(), new ToolCallParser(tools),
                Formats.forSettings(settings), settings.mode()));
    }

    private ToolCallSettings settings(Chain chain) {
        try {
            return ToolCallSettings.parse(chain.backendSetting(), defaults);
        } catch (IllegalArgumentException e) {
            throw AnthropicException.apiError("backends." + chain.call().backend() + "." + e.getMessage(), e);
        }
    }

    static Map<String, Tool> clientTools(List<Tool> tools) {
        Map<String, Tool> byName = new LinkedHashMap<>();
        if (tools != null) {
            for (Tool tool : tools) {
                if (tool.isClientTool() && tool.name() != null) {
                    byName.put(tool.name(), tool);
                }
            }
        }
        return byName;
    }
}
