package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.Tool;
import dev.anyclaude.api.relay.RelayStage;
import dev.anyclaude.api.wire.RawReplies;
import dev.anyclaude.plugins.toolcalls.request.ToolPromptRewriter;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wraps an event reply so that tool calls printed as text (every family of {@link Family}) become
 * {@code tool_use} blocks, per the serving backend's {@link ToolCallSettings}. Serves every lane: event replies
 * of translating backends, and successful Raw (Anthropic-wire) replies of Anthropic-compatible servers, read as
 * events. Calls that declare no client tools, upstream errors and JSON replies pass through untouched. In
 * {@code force} mode the request goes out with the tools described in the prompt and the tool history as text
 * ({@link ToolPromptRewriter}); the reply is still read against the client's own tools. On the fast path
 * ({@link #onRelay}) a translated answer gets the same rewrite and repair as a {@link ToolCallStage}.
 */
final class ToolCallsMiddleware implements Middleware {
    private static final Optional<RelayStage> PASS_THROUGH = Optional.of(ToolCallStage.PASS_THROUGH);
    private final ToolCallSettings defaults;
    private final JsonCodec json;
    /** The markers of the last call that had tools; shared by calls with the same settings and tool names. */
    private volatile Markers lastMarkers;

    /**
     * @param defaults the top-level {@code toolCalls} block, which a backend's own value overrides
     * @param json     reads Raw (Anthropic-wire) replies as events
     */
    ToolCallsMiddleware(Map<String, Object> defaults, JsonCodec json) {
        this.defaults = ToolCallSettings.parse(null, defaults); // read once; rejects a bad block at startup
        this.json = json;
    }

    @Override
    public Reply intercept(Chain chain) {
        ToolCallSettings settings = settings(chain);
        if (settings.mode() == ToolCallSettings.Mode.OFF) {
            return chain.proceed(chain.call());
        }
        List<Tool> tools = chain.call().request().tools();
        Call call = chain.call();
        if (settings.mode() == ToolCallSettings.Mode.FORCE) {
            call = call.withRequest(rewriter(settings).rewrite(call.request()));
        }
        Reply reply = chain.proceed(call);
        if (!ToolCallParser.anyClientTool(tools)) {
            return reply;
        }
        EventStream events = switch (reply) {
            case Reply.Events e -> e.events();
            case Reply.Raw raw when RawReplies.isReadable(raw) -> RawReplies.events(raw, json);
            default -> null; // an upstream error (or a compressed answer) stays Raw: the client sees it as sent
        };
        if (events == null) {
            return reply;
        }
        ToolCallStream repaired = new ToolCallStream(events, ToolCallParser.forRequest(tools), markers(settings, tools),
                settings.mode());
        // Headers an event answer carried (an inner middleware's, the backend's) go on; a Raw answer's are the
        // upstream's wire headers (content-type, length), which no longer describe the re-encoded events.
        return reply instanceof Reply.Events e ? e.withEvents(repaired) : Reply.events(repaired);
    }

    /**
     * The same effect as {@link #intercept} on a translated answer, as a stage for the fast path: the force mode's
     * rewrite and the repair of the answer's events. Empty when the setting is bad or the request does not parse,
     * so that {@code intercept} reports it as it always did.
     */
    @Override
    public Optional<RelayStage> onRelay(Call call, Object backendSetting) {
        ToolCallSettings settings;
        try {
            settings = ToolCallSettings.over(defaults, backendSetting);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // intercept turns it into the error naming the backend
        }
        if (settings.mode() == ToolCallSettings.Mode.OFF) {
            return PASS_THROUGH;
        }
        List<Tool> tools;
        try {
            tools = call.request().tools();
        } catch (AnthropicException e) {
            return Optional.empty(); // a body that does not parse: intercept answers it with the same 400
        }
        ToolPromptRewriter rewriter = settings.mode() == ToolCallSettings.Mode.FORCE ? rewriter(settings) : null;
        if (!ToolCallParser.anyClientTool(tools)) {
            return rewriter == null ? PASS_THROUGH : Optional.of(ToolCallStage.rewriting(rewriter));
        }
        return Optional.of(ToolCallStage.repairing(rewriter, ToolCallParser.forRequest(tools), markers(settings, tools),
                settings.mode()));
    }

    /**
     * The markers for these settings and tools: the last ones made when they fit (a client such as Claude Code sends
     * the same tools on every call), else new ones, which then become the last.
     */
    private Markers markers(ToolCallSettings settings, List<Tool> tools) {
        Markers last = lastMarkers;
        if (last != null && last.isFor(settings, tools)) {
            return last;
        }
        Markers made = Markers.of(settings, ToolCallParser.clientTools(tools).keySet());
        lastMarkers = made;
        return made;
    }

    private static ToolPromptRewriter rewriter(ToolCallSettings settings) {
        return ToolPromptRewriter.forFormat(settings.format().map(Family::configName).orElse(null));
    }

    private ToolCallSettings settings(Chain chain) {
        try {
            return ToolCallSettings.over(defaults, chain.backendSetting());
        } catch (IllegalArgumentException e) {
            throw AnthropicException.apiError("backends." + chain.call().backend() + "." + e.getMessage(), e);
        }
    }
}
