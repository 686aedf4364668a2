package dev.anyclaude.plugins.openai.translate;

import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import dev.anyclaude.plugins.openai.wire.UpstreamError;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays an OpenAI SSE body (as a test file holds it) into a {@link StreamTranslator}, the way the backend does:
 * {@code data: [DONE]} ends the answer, other {@code data:} lines are chunks, {@code error:} lines are
 * llama.cpp's old mid-stream errors, {@code :} comments and blank lines are skipped, and a body without
 * {@code [DONE]} ends with {@link StreamTranslator#onEnd()}.
 */
final class SseReplay {
    static final String BACKEND = "local";
    static final String MODEL = "claude-sonnet-4-5";
    static final int ESTIMATE = 100;
    static final String LONG_NAME = "mcp__claude_ai_Some_Very_Long_Server_Name__search_documents_by_semantic_similarity";
    static final ToolNames NAMES = ToolNames.of(List.of("Read", "Bash", "Write", LONG_NAME), 64);

    private SseReplay() {
    }

    static StreamTranslator translator(long seed) {
        return new StreamTranslator(BACKEND, MODEL, NAMES, ESTIMATE, IdSource.seeded(seed), new OpenAiJson());
    }

    static List<StreamEvent> replay(String body, StreamTranslator translator) {
        OpenAiJson json = new OpenAiJson();
        List<StreamEvent> events = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (translator.ended()) {
                break;
            }
            if (line.equals("data: [DONE]")) {
                events.addAll(translator.onDone());
            } else if (line.startsWith("data: ")) {
                events.addAll(translator.onChunk(json.readChunk(line.substring("data: ".length()))));
            } else if (line.startsWith("error: ")) {
                UpstreamError error = json.mapper().convertValue(
                        json.readTreeOrNull(line.substring("error: ".length())), UpstreamError.class);
                events.addAll(translator.onUpstreamError(error));
            }
        }
        events.addAll(translator.onEnd());
        return events;
    }
}
