package dev.anyclaude.plugins.mlx;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.relay.AnswerTranslator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * An answer whose failure is first checked against the server's state, as {@link MlxBackend#messages} checks its
 * failures: when the server went down meanwhile, the client gets the 529 that says it restarts. Never blocks.
 */
final class RecheckedAnswer implements AnswerTranslator {
    private final AnswerTranslator answer;
    private final Runnable refuseWhileNotUp;

    /** @param refuseWhileNotUp throws the 529 when the server is not up; returns when it is */
    RecheckedAnswer(AnswerTranslator answer, Runnable refuseWhileNotUp) {
        this.answer = answer;
        this.refuseWhileNotUp = refuseWhileNotUp;
    }

    @Override
    public List<StreamEvent> accept(ByteBuffer bytes) {
        try {
            return answer.accept(bytes);
        } catch (AnthropicException e) {
            refuseWhileNotUp.run();
            throw e;
        }
    }

    @Override
    public List<StreamEvent> end() {
        try {
            return answer.end();
        } catch (AnthropicException e) {
            refuseWhileNotUp.run();
            throw e;
        }
    }

    @Override
    public List<StreamEvent> failed(IOException cause) {
        try {
            return answer.failed(cause);
        } catch (AnthropicException e) {
            refuseWhileNotUp.run();
            throw e;
        }
    }
}
