package dev.anyclaude.plugins.openai;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Backend;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.api.http.UpstreamResponse;
import dev.anyclaude.api.model.Content;
import dev.anyclaude.api.model.InputMessage;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.model.Tool;
import dev.anyclaude.api.relay.AnswerTranslator;
import dev.anyclaude.api.relay.Relay;
import dev.anyclaude.plugins.openai.translate.IdSource;
import dev.anyclaude.plugins.openai.translate.TranslationOptions;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import dev.anyclaude.testkit.StubCall;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one upstream answer through both paths of an {@link OpenAiBackend}: the blocking {@code messages()} and the
 * fast path's {@link AnswerTranslator}, fed in given pieces. Ids start over with each answer ({@link PerAnswerIds}), so
 * the outcomes of any number of runs are comparable with {@code equals}.
 */
final class Answers {
    static final String NAME = "gpu-box";
    static final OpenAiJson JSON = new OpenAiJson();
    static final String LONG_TOOL = "mcp__claude_ai_Some_Very_Long_Server_Name__search_documents_by_semantic_similarity";

    /** What one path made of an answer: its events, and the error that ended it (null when none was thrown). */
    record Outcome(List<StreamEvent> events, Failure failure) {
    }

    /** An {@link AnthropicException} as the client sees it. */
    record Failure(int status, String type, String message) {
        static Failure of(AnthropicException e) {
            return new Failure(e.status(), e.type().wireName(), e.getMessage());
        }
    }

    private Answers() {
    }

    static OpenAiBackend backend(String baseUrl, UpstreamClient http) {
        return new OpenAiBackend(NAME, new OpenAiConfig(baseUrl, null, null, "qwen3-coder", Map.of("X-Team", "tools"),
                Map.of("top_k", 20), null, 30), new OpenAiSetup(TranslationOptions.defaults(), JSON, new PerAnswerIds()),
                http, Optional.of("sk-test-key-123456"));
    }

    static Call call() {
        MessagesRequest request = new MessagesRequest("claude-sonnet-4-5", 1000,
                List.of(new InputMessage("user", Content.of("Read the file, then search."))),
                null, null, null, null, null, true,
                List.of(Tool.of("Read", "reads", Map.of("type", "object")), Tool.of("Bash", "runs", Map.of("type", "object")),
                        Tool.of("Write", "writes", Map.of("type", "object")), Tool.of(LONG_TOOL, "searches", Map.of("type", "object"))),
                null, null, null, null, null, null, Map.of());
        return StubCall.of("req_test", NAME, request);
    }

    /** The answer through {@code messages()}: every event it hands out, or the error it throws. */
    static Outcome pulled(Backend backend, Call call) {
        List<StreamEvent> events = new ArrayList<>();
        try (Reply reply = backend.messages(call)) {
            EventStream stream = ((Reply.Events) reply).events();
            for (StreamEvent event = stream.next(); event != null; event = stream.next()) {
                events.add(event);
            }
            return new Outcome(events, null);
        } catch (AnthropicException e) {
            return new Outcome(events, Failure.of(e));
        }
    }

    /**
     * The answer through the fast path: the body fed in pieces of the given sizes in turn (each in a direct buffer
     * with bytes before and after it, as an IO thread's pooled buffers are), then the end, or {@code failure}.
     */
    static Outcome pushed(AnswerTranslator.Factory factory, int status, HttpHeaders headers, byte[] body,
                          List<Integer> sizes, IOException failure) {
        List<StreamEvent> events = new ArrayList<>();
        try {
            AnswerTranslator answer = factory.start(status, headers);
            int at = 0;
            for (int turn = 0; at < body.length; turn++) {
                int size = Math.min(sizes.get(turn % sizes.size()), body.length - at);
                ByteBuffer piece = ByteBuffer.allocateDirect(size + 4).put(new byte[] {'x', 'y'});
                piece.put(body, at, size).put(new byte[] {'z', 'w'}).flip().position(2).limit(2 + size);
                at += size;
                events.addAll(answer.accept(piece));
            }
            events.addAll(failure == null ? answer.end() : answer.failed(failure));
            return new Outcome(events, null);
        } catch (AnthropicException e) {
            return new Outcome(events, Failure.of(e));
        }
    }

    /** The fast path's translators for this call. */
    static AnswerTranslator.Factory factory(Backend backend, Call call) {
        return ((Relay.Translated) backend.relay(call).orElseThrow()).translator();
    }

    static HttpHeaders headers(String... namesAndValues) {
        Map<String, List<String>> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }

    /**
     * An upstream that answers every request with these bytes and then, if given, fails as a broken connection
     * does: a seam for the failures a real server cannot be made to produce exactly (a timeout's message).
     */
    static UpstreamClient scripted(int status, HttpHeaders headers, byte[] body, IOException failure) {
        return request -> new UpstreamResponse() {
            private final InputStream in = new FailingAtEnd(body, failure);

            @Override
            public int status() {
                return status;
            }

            @Override
            public HttpHeaders headers() {
                return headers;
            }

            @Override
            public InputStream body() {
                return in;
            }

            @Override
            public void close() {
                // Nothing to release: the bytes are in memory.
            }
        };
    }

    /** The bytes, then the failure (or the end when there is none). */
    private static final class FailingAtEnd extends InputStream {
        private final ByteArrayInputStream bytes;
        private final IOException failure;

        FailingAtEnd(byte[] body, IOException failure) {
            this.bytes = new ByteArrayInputStream(Arrays.copyOf(body, body.length));
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            int b = bytes.read();
            if (b < 0 && failure != null) {
                throw failure;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = bytes.read(b, off, len);
            if (n < 0 && failure != null) {
                throw failure;
            }
            return n;
        }
    }

    /** {@code msg_test}, then {@code toolu_1}, {@code toolu_2}, ... within each answer (which asks for its message id first). */
    private static final class PerAnswerIds implements IdSource {
        private int tools;

        @Override
        public synchronized String messageId() {
            tools = 0;
            return "msg_test";
        }

        @Override
        public synchronized String toolUseId() {
            return "toolu_" + ++tools;
        }
    }

    /** A Messages call with a parsed request. */
}
