package dev.anyclaude.plugins.openai.translate;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.model.Message;
import dev.anyclaude.api.model.StopReason;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.plugins.openai.wire.ChatChunk;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import dev.anyclaude.plugins.openai.wire.ToolCallDelta;
import dev.anyclaude.plugins.openai.wire.UpstreamError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Translates one streamed OpenAI chat completion into Anthropic stream events (PROTOCOLS.md 3, 5.2, 5.4). Feed
 * it every parsed {@code data:} chunk with {@link #onChunk}, then call {@link #onDone()} at {@code data: [DONE]}
 * or {@link #onEnd()} when the upstream closed without it; report failures with {@link #onUpstreamError} (an
 * {@code error} line or object) or {@link #onFailure} (a malformed chunk, a broken connection). Comment lines
 * and the SSE framing are the caller's business.
 *
 * <p>Whatever the upstream does, the events form a well-formed answer: {@code message_start} first (on the
 * first chunk), blocks one at a time with consecutive indices from 0 (thinking, text and tool_use blocks in the
 * order the upstream started them), then {@code message_delta} and {@code message_stop} — or, when the answer
 * failed after it started, the open block is closed and an {@code error} event ends the stream with no
 * {@code message_stop}: a cut answer never looks like a success. A failure before anything was produced is
 * thrown as {@link AnthropicException}, so the client gets a proper HTTP error.
 *
 * <p>The stop reason follows {@code finish_reason}: {@code length} is {@code max_tokens},
 * {@code content_filter} is {@code refusal}, and the answer is {@code tool_use} whenever a tool block was sent,
 * whatever the server said ({@code stop} with tool calls is common). The message and block ids are invented
 * ({@code msg_...}, and {@code toolu_...} for a call without id); the model is the name the client asked for;
 * shortened tool names are restored. After the answer ended every method returns no events.
 *
 * <p>Not thread-safe: one instance per answer, fed from one thread.
 *
 * <pre>{@code
 * StreamTranslator answer = StreamTranslator.of("gpu-box", call.model(), translation, ids, json);
 * for (String data : sseDataLines) {
 *     events.addAll(data.equals("[DONE]") ? answer.onDone() : answer.onChunk(json.readChunk(data)));
 * }
 * }</pre>
 */
public final class StreamTranslator {
    private final String backend;
    private final String model;
    private final IdSource ids;
    private final BlockSequencer blocks;
    private final UsageTracker usage;
    private final ErrorTranslator errors;
    private boolean started;
    private String finishReason;
    private boolean finished;
    private boolean ended;

    /**
     * @param backend              the backend's config name, for error messages
     * @param model                the model name the client sent, reported in {@code message_start}
     * @param names                the request's tool-name mapping
     * @param estimatedInputTokens the request's estimated size, used until the upstream reports usage
     * @param ids                  where message and tool-call ids come from
     * @param json                 the codec used to read and repair tool arguments
     */
    public StreamTranslator(String backend, String model, ToolNames names, int estimatedInputTokens, IdSource ids,
                            OpenAiJson json) {
        this(backend, model, names, estimatedInputTokens, ids, json, ErrorExplainer.unchanged());
    }

    /**
     * As the other constructor, with the backend's own wording of upstream errors.
     *
     * @param explainer applied to every upstream error, before or during the answer
     */
    public StreamTranslator(String backend, String model, ToolNames names, int estimatedInputTokens, IdSource ids,
                            OpenAiJson json, ErrorExplainer explainer) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.model = Objects.requireNonNull(model, "model");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.blocks = new BlockSequencer(Objects.requireNonNull(names, "names"), ids, Objects.requireNonNull(json, "json"));
        this.usage = new UsageTracker(estimatedInputTokens);
        this.errors = new ErrorTranslator(backend, json, explainer);
    }

    /** A translator for the answer to this translated request. */
    public static StreamTranslator of(String backend, String model, Translation translation, IdSource ids,
                                      OpenAiJson json) {
        return of(backend, model, translation, ids, json, ErrorExplainer.unchanged());
    }

    /** A translator for the answer to this translated request, wording upstream errors with {@code explainer}. */
    public static StreamTranslator of(String backend, String model, Translation translation, IdSource ids,
                                      OpenAiJson json, ErrorExplainer explainer) {
        return new StreamTranslator(backend, model, translation.toolNames(), translation.estimatedInputTokens(), ids,
                json, explainer);
    }

    /**
     * Translates one chunk. Only choice 0 is read; deltas after the {@code finish_reason} are ignored (LiteLLM
     * repeats the whole call); a chunk with {@code error} is handled as {@link #onUpstreamError}.
     *
     * @return the events to send now, possibly none
     * @throws AnthropicException when the chunk is an error and nothing was produced yet
     */
    public List<StreamEvent> onChunk(ChatChunk chunk) {
        if (ended) {
            return List.of();
        }
        if (chunk.error() != null) {
            return onUpstreamError(chunk.error());
        }
        List<StreamEvent> out = new ArrayList<>();
        start(out);
        usage.report(chunk.usage());
        ChatChunk.Choice choice = null;
        for (ChatChunk.Choice candidate : chunk.choices()) {
            if (candidate.index() == null || candidate.index() == 0) {
                choice = candidate;
                break;
            }
        }
        if (choice == null || finished) {
            return out;
        }
        if (choice.delta() != null) {
            read(choice.delta());
        }
        blocks.pump(out, false);
        if ("error".equals(choice.finishReason())) {
            return fail(out, ErrorType.API, "backend '" + backend + "' stopped the answer with an error");
        }
        if (choice.finishReason() != null) {
            finished = true;
            finishReason = choice.finishReason();
            blocks.finishAll(out);
        }
        return out;
    }

    /**
     * The upstream sent {@code data: [DONE]}: the answer is complete. Without a {@code finish_reason} the stop
     * reason is {@code tool_use} if a tool block was sent, else {@code end_turn}.
     */
    public List<StreamEvent> onDone() {
        if (ended) {
            return List.of();
        }
        List<StreamEvent> out = new ArrayList<>();
        start(out);
        blocks.finishAll(out);
        out.add(new StreamEvent.MessageDelta(StreamEvent.StopInfo.of(stopReason()), usage.atEnd(blocks.outputChars())));
        out.add(new StreamEvent.MessageStop());
        ended = true;
        return out;
    }

    /**
     * The upstream closed the stream without {@code [DONE]}. After a {@code finish_reason} the answer is
     * complete and ends as with {@link #onDone()}; before one, the answer was cut and ends with an error event.
     *
     * @throws AnthropicException when nothing was produced yet
     */
    public List<StreamEvent> onEnd() {
        if (finished) {
            return onDone();
        }
        return onFailure("the stream ended before the answer was complete");
    }

    /**
     * The upstream reported an error in the stream (a chunk with {@code error}, llama.cpp's {@code error:} line).
     * The event's type is {@code overloaded_error} for capacity and rate problems, else {@code api_error}.
     *
     * @throws AnthropicException with the error's own type when nothing was produced yet
     */
    public List<StreamEvent> onUpstreamError(UpstreamError error) {
        if (ended) {
            return List.of();
        }
        if (!started) {
            ended = true;
            throw errors.fromError(error);
        }
        AnthropicException explained = errors.midStream(error);
        return fail(new ArrayList<>(), explained.type(), explained.getMessage());
    }

    /**
     * The stream could not be read any further (malformed chunk, broken connection): ends the answer with an
     * {@code api_error} event. A timeout is {@link #onTimeout}.
     *
     * @param reason what went wrong, without secrets; it is shown to the user after the backend's name
     * @throws AnthropicException when nothing was produced yet
     */
    public List<StreamEvent> onFailure(String reason) {
        if (ended) {
            return List.of();
        }
        String message = "backend '" + backend + "': " + reason;
        if (!started) {
            ended = true;
            throw AnthropicException.apiError(message, null);
        }
        return fail(new ArrayList<>(), ErrorType.API, message);
    }

    /**
     * The upstream went silent past one of the proxy's timeouts: ends the answer with a {@code timeout_error} event,
     * as a relayed Anthropic stream ends.
     *
     * @param message the proxy's own words for the timeout (they name the backend and the setting)
     * @throws AnthropicException a 504 when nothing was produced yet
     */
    public List<StreamEvent> onTimeout(String message) {
        if (ended) {
            return List.of();
        }
        if (!started) {
            ended = true;
            throw AnthropicException.of(ErrorType.TIMEOUT, message);
        }
        return fail(new ArrayList<>(), ErrorType.TIMEOUT, message);
    }

    /** True once the answer ended: after {@code message_stop} or an error. */
    public boolean ended() {
        return ended;
    }

    private void read(ChatChunk.Delta delta) {
        String reasoning = nonEmpty(delta.reasoningContent()) ? delta.reasoningContent() : delta.reasoning();
        if (nonEmpty(reasoning)) {
            blocks.thinking(reasoning);
        }
        if (nonEmpty(delta.content())) {
            blocks.text(delta.content());
        }
        if (nonEmpty(delta.refusal())) {
            blocks.text(delta.refusal());
        }
        for (ToolCallDelta fragment : delta.toolCalls()) {
            blocks.toolCall(fragment);
        }
    }

    private void start(List<StreamEvent> out) {
        if (!started) {
            started = true;
            out.add(new StreamEvent.MessageStart(new Message(ids.messageId(), model, List.of(), null, null,
                    usage.atStart(), Map.of())));
        }
    }

    private List<StreamEvent> fail(List<StreamEvent> out, ErrorType type, String message) {
        blocks.closeOpen(out);
        out.add(new StreamEvent.Error(new StreamEvent.ErrorBody(type.wireName(), message)));
        ended = true;
        return out;
    }

    private String stopReason() {
        boolean toolUse = blocks.emittedToolUse();
        return switch (finishReason == null ? "" : finishReason) {
            case "length" -> StopReason.MAX_TOKENS;
            case "content_filter" -> StopReason.REFUSAL;
            default -> toolUse ? StopReason.TOOL_USE : StopReason.END_TURN;
        };
    }

    private static boolean nonEmpty(String text) {
        return text != null && !text.isEmpty();
    }
}
