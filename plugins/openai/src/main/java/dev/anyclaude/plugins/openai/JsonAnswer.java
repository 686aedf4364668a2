package dev.anyclaude.plugins.openai;

import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.relay.AnswerTranslator;
import dev.anyclaude.plugins.openai.translate.ResponseTranslator;
import dev.anyclaude.plugins.openai.translate.StreamTranslator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The fast path's translation of one JSON completion (the answer to a non-streaming request, or a server's that
 * ignored {@code stream}): collects the body and translates it at its end ({@link ResponseTranslator}), as {@link OpenAiBackend#messages}
 * does. Not thread-safe.
 */
final class JsonAnswer implements AnswerTranslator {
    private final OpenAiAnswers answers;
    private final StreamTranslator translator;
    private final BodyCollector body;

    JsonAnswer(OpenAiAnswers answers, StreamTranslator translator, long contentLength) {
        this.answers = answers;
        this.translator = translator;
        this.body = new BodyCollector(contentLength, Integer.MAX_VALUE - 16);
    }

    @Override
    public List<StreamEvent> accept(ByteBuffer bytes) {
        body.add(bytes);
        return List.of();
    }

    /** @throws dev.anyclaude.api.AnthropicException when the body is not a completion, or is an error */
    @Override
    public List<StreamEvent> end() {
        try {
            return ResponseTranslator.translate(answers.json().readResponse(body.array(), 0, body.length()),
                    translator);
        } catch (IllegalArgumentException e) {
            throw answers.notJson(e);
        }
    }

    /** @throws dev.anyclaude.api.AnthropicException always: the upstream is unreachable */
    @Override
    public List<StreamEvent> failed(IOException cause) {
        throw answers.unreachable(cause);
    }
}
