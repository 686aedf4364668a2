package dev.anyclaude.it;

import static dev.anyclaude.testkit.OpenAiFixtures.chunk;
import static dev.anyclaude.testkit.OpenAiFixtures.finishChunk;
import static dev.anyclaude.testkit.OpenAiFixtures.roleChunk;
import static dev.anyclaude.testkit.OpenAiFixtures.textChunk;
import static dev.anyclaude.testkit.OpenAiFixtures.usageChunk;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An OpenAI server's streams as they really come apart on the wire (cut in chunks of one byte, seven, or whole;
 * {@code \r\n} line ends, {@code data:} without its space, keep-alive comments, {@code [DONE]} missing or early, an
 * error inside the stream, tool-call deltas without index or id, arguments as an object, a 1 MB delta, chunks that
 * are not objects, a connection that breaks mid-line), through a real proxy on the fast path and through one whose
 * route has a fallback (which takes every call on the blocking path): a streaming and a non-streaming client get the
 * same answer on both paths, and it is a well-formed Anthropic answer or error.
 */
@Timeout(120)
class OpenAiRawWireTest {
    private static RawUpstream upstream;
    private static ProxyFixture fast;
    private static ProxyFixture blocking;

    @BeforeAll
    static void start() {
        upstream = new RawUpstream();
        String backends = """
                "backends":{"local":{"type":"openai","baseUrl":"%1$s/v1","model":"q","apiKey":"k"},
                            "spare":{"type":"anthropic","baseUrl":"http://127.0.0.1:9","apiKey":"k"}}"""
                .formatted(upstream.baseUrl());
        fast = ProxyFixture.start("{\"backend\":\"local\"," + backends + "}");
        blocking = ProxyFixture.start("{\"backend\":\"local\"," + backends + ",\"router\":{\"fallback\":[\"spare\"]}}");
    }

    @AfterAll
    static void stop() {
        fast.close();
        blocking.close();
        upstream.close();
    }

    @AfterEach
    void bothProxiesStillServe() {
        String next = frames(List.of(roleChunk(), textChunk("next"), finishChunk("stop")), "data: [DONE]\n\n");
        for (ProxyFixture proxy : List.of(fast, blocking)) {
            upstream.enqueue(RawUpstream.chunkedStream(next, 4096));
            HttpResponse<String> answer = post(proxy, true);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"next\"").contains("event: message_stop");
        }
    }

    static Stream<Arguments> streams() {
        List<Arguments> all = new ArrayList<>();
        String text = frames(List.of(roleChunk(), textChunk("Hi é 日本 😀"), finishChunk("stop"), usageChunk(9, 4, 2)),
                "data: [DONE]\n\n");
        all.add(Arguments.of("text, usage after the finish", text));
        all.add(Arguments.of("CRLF line ends", text.replace("\n", "\r\n")));
        all.add(Arguments.of("CR line ends", text.replace("\n", "\r")));
        all.add(Arguments.of("data: without its space", text.replace("data: ", "data:")));
        all.add(Arguments.of("keep-alive comments between and inside events",
                ": ping\n\n" + text.replace("\n\n", "\n: keepalive\n\n: OPENROUTER PROCESSING\n\n")));
        all.add(Arguments.of("no [DONE] after the finish", frames(List.of(roleChunk(), textChunk("done?"),
                finishChunk("stop")), "")));
        all.add(Arguments.of("no [DONE] and no finish", frames(List.of(roleChunk(), textChunk("cut")), "")));
        all.add(Arguments.of("[DONE] before the finish, then more", frames(List.of(roleChunk(), textChunk("early")),
                "data: [DONE]\n\n" + frames(List.of(textChunk(" late"), finishChunk("stop")), "data: [DONE]\n\n"))));
        all.add(Arguments.of("finish without usage", frames(List.of(roleChunk(), textChunk("x"), finishChunk("length")),
                "data: [DONE]\n\n")));
        all.add(Arguments.of("a usage-only last chunk without [DONE]", frames(List.of(roleChunk(), textChunk("u"),
                finishChunk("stop"), "{\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}"), "")));
        all.add(Arguments.of("an error object after the start", frames(List.of(roleChunk(), textChunk("half"),
                "{\"error\":{\"message\":\"the model crashed\",\"code\":500}}"), "data: [DONE]\n\n")));
        all.add(Arguments.of("an error object first", frames(List.of(
                "{\"error\":{\"message\":\"rate limited\",\"type\":\"rate_limit_exceeded\",\"code\":429}}"), "")));
        all.add(Arguments.of("an event: error after the start", frames(List.of(roleChunk(), textChunk("half")),
                "event: error\ndata: {\"message\":\"out of memory\"}\n\n")));
        all.add(Arguments.of("tool-call deltas without index or ids, arguments as an object", frames(List.of(roleChunk(),
                chunk("{\"tool_calls\":[{\"function\":{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Zürich\"}}}]}", null),
                chunk("{\"tool_calls\":[{\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\"}}]}", null),
                chunk("{\"tool_calls\":[{\"function\":{\"arguments\":\"\\\"Bern\\\"}\"}}]}", null),
                finishChunk("tool_calls")), "data: [DONE]\n\n")));
        all.add(Arguments.of("a chunk that is JSON null first", frames(List.of("null"), "data: [DONE]\n\n")));
        all.add(Arguments.of("a chunk that is an array after the start", frames(List.of(roleChunk(), textChunk("a"),
                "[1,2]"), "data: [DONE]\n\n")));
        all.add(Arguments.of("a chunk that is a string after the start", frames(List.of(roleChunk(), textChunk("a"),
                "\"text\""), "data: [DONE]\n\n")));
        all.add(Arguments.of("a chunk that is a number after the start", frames(List.of(roleChunk(), textChunk("a"),
                "42"), "data: [DONE]\n\n")));
        all.add(Arguments.of("a chunk whose choices are an object", frames(List.of(roleChunk(), textChunk("a"),
                "{\"choices\":{\"index\":0}}"), "data: [DONE]\n\n")));
        all.add(Arguments.of("an empty body", ""));
        all.add(Arguments.of("only comments", ": ping\n\n: ping\n\n"));
        all.add(Arguments.of("HTML instead of a stream", "<html><body>502 Bad Gateway</body></html>"));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void bothPathsGiveTheSameAnswerForAStreamCutAnywhere(String name, String stream) {
        for (boolean streaming : List.of(true, false)) {
            String reference = null;
            for (int size : List.of(Integer.MAX_VALUE, 7, 1)) {
                for (ProxyFixture proxy : List.of(fast, blocking)) {
                    upstream.enqueue(RawUpstream.chunkedStream(stream, size));
                    HttpResponse<String> answer = post(proxy, streaming);
                    String seen = answer.statusCode() + " " + answer.headers().firstValue("content-type").orElse("")
                            + "\n" + normalised(answer.body());
                    assertWellFormed(answer, streaming);
                    if (reference == null) {
                        reference = seen;
                    }
                    assertThat(seen).as("%s, %s client, chunks of %d, %s path", name, streaming ? "streaming" : "whole",
                            size, proxy == fast ? "fast" : "blocking").isEqualTo(reference);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void bothPathsGiveTheSameAnswerForAStreamThatBreaksOffMidLine(String name, String stream) {
        int cut = stream.length() / 2;
        if (stream.isEmpty()) {
            return;
        }
        String whole = stream.substring(0, cut);
        String half = stream.substring(cut, Math.min(stream.length(), cut + 5));
        String reference = null;
        for (ProxyFixture proxy : List.of(fast, blocking)) {
            upstream.enqueue(RawUpstream.cutMidChunk(whole, half));
            HttpResponse<String> answer = post(proxy, true);
            assertWellFormed(answer, true);
            assertThat(answer.body()).doesNotContain("event: message_stop");
            String seen = answer.statusCode() + "\n" + normalised(answer.body());
            if (reference == null) {
                reference = seen;
            }
            assertThat(seen).as(proxy == fast ? "fast" : "blocking").isEqualTo(reference);
        }
    }

    static Stream<Arguments> wholeAnswers() {
        String completion = "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"whole é\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}";
        String toolCall = "{\"choices\":[{\"message\":{\"content\":null,\"tool_calls\":[{\"function\":"
                + "{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Bern\"}}}]}}]}";
        return Stream.of(
                Arguments.of("a completion", 200, "application/json", completion),
                Arguments.of("a completion labelled text/plain", 200, "text/plain", completion),
                Arguments.of("a tool call without id, index or finish, arguments an object", 200, "application/json",
                        toolCall),
                Arguments.of("400 in JSON", 400, "application/json",
                        "{\"error\":{\"message\":\"bad field\",\"type\":\"invalid_request_error\"}}"),
                Arguments.of("401 as a string error", 401, "application/json", "{\"error\":\"no key\"}"),
                Arguments.of("404 as HTML", 404, "text/html", "<html><body>Not Found</body></html>"),
                Arguments.of("413 without a body", 413, "text/plain", ""),
                Arguments.of("422 longer than what is read of it", 422, "text/plain", "too long! ".repeat(10_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wholeAnswers")
    void bothPathsGiveTheSameAnswerForAWholeAnswerCutAnywhere(String name, int status, String type, String body) {
        for (boolean streaming : List.of(true, false)) {
            String reference = null;
            for (int size : List.of(Integer.MAX_VALUE, 3)) {
                for (ProxyFixture proxy : List.of(fast, blocking)) {
                    upstream.enqueue(RawUpstream.chunkedStream(status, type, body, size));
                    HttpResponse<String> answer = post(proxy, streaming);
                    assertWellFormed(answer, streaming);
                    String seen = answer.statusCode() + "\n" + normalised(answer.body());
                    if (reference == null) {
                        reference = seen;
                    }
                    assertThat(seen).as("%s, %s client, chunks of %d, %s path", name, streaming ? "streaming" : "whole",
                            size, proxy == fast ? "fast" : "blocking").isEqualTo(reference);
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aOneMegabyteDeltaReachesBothKindsOfClientOnBothPaths() {
        String big = "0123456789abcdé".repeat(1024 * 1024 / 16);
        String stream = frames(List.of(roleChunk(), textChunk(big), finishChunk("stop")), "data: [DONE]\n\n");
        for (boolean streaming : List.of(true, false)) {
            String reference = null;
            for (ProxyFixture proxy : List.of(fast, blocking)) {
                upstream.enqueue(RawUpstream.chunkedStream(stream, 8191));
                HttpResponse<String> answer = post(proxy, streaming);
                assertWellFormed(answer, streaming);
                assertThat(answer.body()).contains(big);
                String seen = normalised(answer.body());
                if (reference == null) {
                    reference = seen;
                }
                assertThat(seen).isEqualTo(reference);
            }
        }
    }

    private static void assertWellFormed(HttpResponse<String> answer, boolean streaming) {
        String body = answer.body();
        if (answer.statusCode() != 200) {
            assertThat(answer.headers().firstValue("content-type")).hasValue("application/json");
            var error = AnthropicErrors.read(body);
            assertThat(error.path("type").asText()).as(body).isEqualTo("error");
            assertThat(error.path("error").path("type").asText()).isNotEmpty();
            assertThat(error.path("error").path("message").asText()).isNotEmpty();
            return;
        }
        if (!streaming) {
            assertThat(AnthropicErrors.read(body).path("type").asText()).as(body).isEqualTo("message");
            return;
        }
        assertThat(body).startsWith("event: message_start\n");
        assertThat(body.endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")
                || body.matches("(?s).*event: error\ndata: \\{[^\n]*}\n\n")).as(body).isTrue();
    }

    private static String frames(List<String> chunks, String tail) {
        StringBuilder out = new StringBuilder();
        for (String chunk : chunks) {
            out.append("data: ").append(chunk).append("\n\n");
        }
        return out.append(tail).toString();
    }

    /** The answer with its invented ids made constant, so that two answers compare. */
    private static String normalised(String body) {
        return body.replaceAll("msg_[A-Za-z0-9]+", "msg_X").replaceAll("toolu_[A-Za-z0-9]+", "toolu_X")
                .replaceAll("req_[A-Za-z0-9]+", "req_X");
    }

    private static HttpResponse<String> post(ProxyFixture proxy, boolean stream) {
        return proxy.post("/v1/messages", "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":50,\"stream\":" + stream
                + ",\"tools\":[{\"name\":\"get_weather\",\"input_schema\":{\"type\":\"object\"}}]"
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "x-api-key", "client-key");
    }
}
