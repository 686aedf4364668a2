package dev.anyclaude.plugins.cache.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.core.json.ProtocolJson;
import dev.anyclaude.plugins.cache.CacheKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Calls, answers and chains for the record and replay tests; the middleware are built as the factory builds them. */
final class Exchanges {
    static final ProtocolJson JSON = new ProtocolJson();
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Exchanges() {
    }

    static RecordingMiddleware recorder(Path dir) {
        return new RecordingMiddleware(new Recording(dir, MAPPER), keys(), new RequestSummary(MAPPER, JSON), JSON);
    }

    static ReplayMiddleware replayer(Path dir) {
        return new ReplayMiddleware(dir, Recording.load(dir, MAPPER), keys(), new RequestSummary(MAPPER, JSON), JSON);
    }

    static ExchangeKey keys() {
        return new ExchangeKey(new CacheKeys(MAPPER, JSON));
    }

    /** A Messages body with these user/assistant turns, alternating from user. */
    static String body(boolean stream, String... turns) {
        StringBuilder messages = new StringBuilder();
        for (int i = 0; i < turns.length; i++) {
            messages.append(i == 0 ? "" : ",").append("{\"role\":\"").append(i % 2 == 0 ? "user" : "assistant")
                    .append("\",\"content\":\"").append(turns[i]).append("\"}");
        }
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":" + stream + ",\"metadata\":"
                + "{\"user_id\":\"session-1\"},\"tools\":[{\"name\":\"Write\",\"input_schema\":{\"type\":\"object\"}}],"
                + "\"messages\":[" + messages + "]}";
    }

    static Call call(String body, String... headerPairs) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], List.of(headerPairs[i + 1]));
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        MessagesRequest parsed = JSON.read(bytes, MessagesRequest.class);
        return new TestCall("local", parsed.model(), parsed.isStreaming(), HttpHeaders.of(headers, (a, b) -> true), bytes);
    }

    static String sse(String text) {
        return "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],\"stop_reason\":null,"
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n"
                + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text + "\"}}\n\n"
                + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":3}}\n\n"
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    }

    static Reply.Raw raw(int status, String contentType, String body) {
        return new Reply.Raw(status, HttpHeaders.of(Map.of("content-type", List.of(contentType)), (a, b) -> true),
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Runs the call through the middleware to a backend that answers with {@code backend}, and reads the reply. */
    static Reply run(Middleware middleware, Call call, Function<Call, Reply> backend) {
        return middleware.intercept(new Middleware.Chain() {
            @Override
            public Call call() {
                return call;
            }

            @Override
            public Reply proceed(Call next) {
                return backend.apply(next);
            }
        });
    }

    /** Reads a raw reply's body to its end, as the proxy relays it. */
    static String drain(Reply reply) {
        if (!(reply instanceof Reply.Raw raw)) {
            throw new AssertionError("not a raw reply: " + reply);
        }
        try (InputStream body = raw.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record TestCall(String backend, String model, boolean streaming, HttpHeaders headers, byte[] body)
            implements Call {
        @Override
        public String id() {
            return "req_test";
        }

        @Override
        public String query() {
            return "";
        }

        @Override
        public MessagesRequest request() {
            return JSON.read(body, MessagesRequest.class);
        }

        @Override
        public Optional<byte[]> rawBody() {
            return Optional.of(body);
        }

        @Override
        public Call withRequest(MessagesRequest request) {
            throw new UnsupportedOperationException("the record tests never change a request");
        }
    }
}
