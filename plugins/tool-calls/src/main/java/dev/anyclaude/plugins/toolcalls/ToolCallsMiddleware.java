package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.Call;
import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.Tool;
import dev.anyclaude.plugins.toolcalls.request.ToolPromptRewriter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wraps an event reply so that tool calls printed as text (Hermes {@code <tool_call>{json}</tool_call>}) become
 * {@code tool_use} blocks. Raw (Anthropic-wire) replies pass through untouched in this version, as do calls that
 * declare no client tools. In {@code force} mode the request goes out with the tools described in the prompt and the
 * tool history as text ({@link ToolPromptRewriter}); the reply is still read against the client's own tools.
 */
final class ToolCallsMiddleware implements Middleware {
    private final ToolPromptRewriter forced;

    /** @param block the top-level {@code toolCalls} block; {@code "mode": "force"} rewrites requests */
    ToolCallsMiddleware(Map<String, Object> block) {
        boolean force = block.get("mode") instanceof String mode && mode.strip().equalsIgnoreCase("force");
        this.forced = force ? ToolPromptRewriter.forFormat(block.get("format") instanceof String f ? f : null) : null;
    }

    @Override
    public Reply intercept(Chain chain) {
        Call call = forced == null ? chain.call() : chain.call().withRequest(forced.rewrite(chain.call().request()));
        Reply reply = chain.proceed(call);
        if (!(reply instanceof Reply.Events events)) {
            return reply;
        }
        Map<String, Tool> tools = clientTools(chain.call().request().tools());
        if (tools.isEmpty()) {
            return reply;
        }
        return Reply.events(new ToolCallStream(events.events(), new ToolCallParser(tools)));
    }

    private static Map<String, Tool> clientTools(List<Tool> tools) {
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
