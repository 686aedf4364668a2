package dev.anyclaude.plugins.openai;

import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.relay.AnswerTranslator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The fast path's translation of an upstream error status: collects the first {@link OpenAiAnswers#MAX_ERROR_BODY}
 * bytes of the body and throws what the upstream said, as {@link OpenAiBackend#messages} does. Not thread-safe.
 */
final class ErrorAnswer implements AnswerTranslator {
    private final OpenAiAnswers answers;
    private final int status;
    private final String retryAfter;
    private final BodyCollector body;

    ErrorAnswer(OpenAiAnswers answers, int status, String retryAfter, long contentLength) {
        this.answers = answers;
        this.status = status;
        this.retryAfter = retryAfter;
        this.body = new BodyCollector(contentLength, OpenAiAnswers.MAX_ERROR_BODY);
    }

    /** @throws dev.anyclaude.api.AnthropicException once the most that is read of an error body arrived */
    @Override
    public List<StreamEvent> accept(ByteBuffer bytes) {
        body.add(bytes);
        if (body.full()) {
            throw error();
        }
        return List.of();
    }

    /** @throws dev.anyclaude.api.AnthropicException always: the upstream's error */
    @Override
    public List<StreamEvent> end() {
        throw error();
    }

    /** @throws dev.anyclaude.api.AnthropicException always: the upstream is unreachable */
    @Override
    public List<StreamEvent> failed(IOException cause) {
        throw answers.unreachable(cause);
    }

    private RuntimeException error() {
        return answers.errors().fromHttp(status, body.toByteArray(), retryAfter);
    }
}
