package dev.anyclaude.testkit;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Canned Anthropic Messages API payloads, exactly as they appear on the wire (see docs/PROTOCOLS.md sections 2
 * and 3). Stream fixtures are lists of complete SSE frames, {@code "event: <type>\ndata: <json>\n\n"}, ready for
 * {@link MockResponse#sse(List)}. All methods are pure and return fresh immutable values.
 */
public final class AnthropicFixtures {

    /** The default model name used by the fixtures, as in PROTOCOLS.md. */
    public static final String MODEL = "m";

    private AnthropicFixtures() {
    }

    /** One SSE frame: {@code "event: " + event + "\ndata: " + json + "\n\n"}. */
    public static String frame(String event, String json) {
        return "event: " + event + "\ndata: " + json + "\n\n";
    }

    /** The frames concatenated, i.e. the exact stream body. */
    public static String join(List<String> frames) {
        return String.join("", frames);
    }

    /**
     * A non-streamed text answer, the counterpart of {@link #textStreamFrames()}:
     * {@code {"id":"msg_01A",...,"content":[{"type":"text","text":"Hi there."}],"stop_reason":"end_turn",...}}.
     */
    public static String messageJson() {
        return messageJson("msg_01A", MODEL, "Hi there.");
    }

    /** A non-streamed text answer with the given id, model and text (JSON-escaped here). */
    public static String messageJson(String id, String model, String text) {
        return "{\"id\":" + quote(id) + ",\"type\":\"message\",\"role\":\"assistant\",\"model\":" + quote(model)
                + ",\"content\":[{\"type\":\"text\",\"text\":" + quote(text) + "}],"
                + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":12,\"output_tokens\":5}}";
    }

    /** The text stream of PROTOCOLS.md 3.3, 7 frames: start, block start, ping, one delta, stops. */
    public static List<String> textStreamFrames() {
        return textStreamFrames("Hi there.");
    }

    /** Like {@link #textStreamFrames()}, with {@code text} (JSON-escaped here) as the one text delta. */
    public static List<String> textStreamFrames(String text) {
        return List.of(
                messageStart("msg_01A", 12),
                frame("content_block_start",
                        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                frame("ping", "{\"type\":\"ping\"}"),
                textDelta(0, text),
                blockStop(0),
                messageDelta("end_turn", 5),
                messageStop());
    }

    /**
     * A text stream whose text arrives in these pieces, one {@code text_delta} each (JSON-escaped here), with
     * {@code stopReason} in the {@code message_delta}: what a local model printing a tool call as text sends.
     */
    public static List<String> textStreamFrames(List<String> pieces, String stopReason) {
        List<String> frames = new java.util.ArrayList<>();
        frames.add(messageStart("msg_01T", 12));
        frames.add(frame("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        pieces.forEach(piece -> frames.add(textDelta(0, piece)));
        frames.add(blockStop(0));
        frames.add(messageDelta(stopReason, 5));
        frames.add(messageStop());
        return frames;
    }

    /** The tool_use stream of PROTOCOLS.md 3.4: a {@code Read} call whose input arrives as three input_json_delta. */
    public static List<String> toolUseStreamFrames() {
        return List.of(
                messageStart("msg_01B", 300),
                frame("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_01X\",\"name\":\"Read\",\"input\":{}}}"),
                inputJsonDelta(0, ""),
                inputJsonDelta(0, "{\"file_path\": \"READ"),
                inputJsonDelta(0, "ME.md\"}"),
                blockStop(0),
                messageDelta("tool_use", 40),
                messageStop());
    }

    /**
     * A tool_use stream like {@link #toolUseStreamFrames()} for any tool: block 0 is a {@code tool_use} with this id
     * and name, whose input arrives as an empty input_json_delta and then {@code inputJson} in two halves (the way
     * the API splits input anywhere, even inside a string); stop reason {@code tool_use}.
     *
     * @param inputJson the tool input as a JSON object text, e.g. {@code {"file_path":"/tmp/a.txt","content":"hi"}}
     */
    public static List<String> toolUseStreamFrames(String toolUseId, String toolName, String inputJson) {
        int half = inputJson.length() / 2;
        if (half > 0 && Character.isHighSurrogate(inputJson.charAt(half - 1))) {
            half++; // never split a surrogate pair: each half must be valid UTF-16 on its own
        }
        return List.of(
                messageStart("msg_01B", 300),
                frame("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                        + "{\"type\":\"tool_use\",\"id\":" + quote(toolUseId) + ",\"name\":" + quote(toolName)
                        + ",\"input\":{}}}"),
                inputJsonDelta(0, ""),
                inputJsonDelta(0, inputJson.substring(0, half)),
                inputJsonDelta(0, inputJson.substring(half)),
                blockStop(0),
                messageDelta("tool_use", 40),
                messageStop());
    }

    /**
     * A thinking stream: block 0 is {@code thinking} (two thinking_delta, then one signature_delta just before its
     * stop), block 1 is text.
     */
    public static List<String> thinkingStreamFrames() {
        return List.of(
                messageStart("msg_01C", 20),
                frame("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                        + "{\"type\":\"thinking\",\"thinking\":\"\"}}"),
                delta(0, "{\"type\":\"thinking_delta\",\"thinking\":\"Two plus two\"}"),
                delta(0, "{\"type\":\"thinking_delta\",\"thinking\":\" is four.\"}"),
                delta(0, "{\"type\":\"signature_delta\",\"signature\":\"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl\"}"),
                blockStop(0),
                frame("content_block_start",
                        "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                textDelta(1, "4"),
                blockStop(1),
                messageDelta("end_turn", 30),
                messageStop());
    }

    /**
     * A 200 stream that dies: message_start, a text block start, one delta, then an {@code event: error} with
     * {@code overloaded_error}, and no content_block_stop, message_delta or message_stop.
     */
    public static List<String> midStreamErrorFrames() {
        return List.of(
                messageStart("msg_01D", 12),
                frame("content_block_start",
                        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                textDelta(0, "Hel"),
                frame("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
    }

    /**
     * An error body: {@code {"type":"error","error":{"type":T,"message":M},"request_id":R}}.
     *
     * @param requestId the {@code request_id}, or null to write JSON {@code null}
     */
    public static String errorBody(String errorType, String message, String requestId) {
        return "{\"type\":\"error\",\"error\":{\"type\":" + quote(errorType) + ",\"message\":" + quote(message)
                + "},\"request_id\":" + (requestId == null ? "null" : quote(requestId)) + "}";
    }

    /** The error type Anthropic uses for an HTTP status (PROTOCOLS.md 2.4); other 4xx give invalid_request_error. */
    public static String errorTypeFor(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    /**
     * A complete error answer for {@code status}: the body of {@link #errorBody} with {@link #errorTypeFor(int)}
     * and request id {@code req_mock_error}, plus a matching {@code request-id} header. Add {@code retry-after}
     * with {@link FixedResponse#withHeader(String, String)} when needed.
     */
    public static FixedResponse errorResponse(int status, String message) {
        String requestId = "req_mock_error";
        return MockResponse.json(status, errorBody(errorTypeFor(status), message, requestId))
                .withHeader("request-id", requestId);
    }

    /** The answer of {@code POST /v1/messages/count_tokens}: {@code {"input_tokens":N}}. */
    public static String countTokensJson(int inputTokens) {
        return "{\"input_tokens\":" + inputTokens + "}";
    }

    /** A one-page answer of {@code GET /v1/models} listing the given ids, newest first. */
    public static String modelsJson(String... ids) {
        String data = Stream.of(ids)
                .map(id -> "{\"type\":\"model\",\"id\":" + quote(id) + ",\"display_name\":" + quote(id)
                        + ",\"created_at\":\"2025-01-01T00:00:00Z\"}")
                .collect(Collectors.joining(","));
        String first = ids.length == 0 ? "null" : quote(ids[0]);
        String last = ids.length == 0 ? "null" : quote(ids[ids.length - 1]);
        return "{\"data\":[" + data + "],\"has_more\":false,\"first_id\":" + first + ",\"last_id\":" + last + "}";
    }

    private static String messageStart(String id, int inputTokens) {
        return frame("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":" + quote(id)
                + ",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + MODEL + "\",\"content\":[],"
                + "\"stop_reason\":null,\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":" + inputTokens + ",\"output_tokens\":1}}}");
    }

    private static String delta(int index, String deltaJson) {
        return frame("content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":" + deltaJson + "}");
    }

    private static String textDelta(int index, String text) {
        return delta(index, "{\"type\":\"text_delta\",\"text\":" + quote(text) + "}");
    }

    private static String inputJsonDelta(int index, String partialJson) {
        return delta(index, "{\"type\":\"input_json_delta\",\"partial_json\":" + quote(partialJson) + "}");
    }

    private static String blockStop(int index) {
        return frame("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
    }

    private static String messageDelta(String stopReason, int outputTokens) {
        return frame("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":" + quote(stopReason)
                + ",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + outputTokens + "}}");
    }

    private static String messageStop() {
        return frame("message_stop", "{\"type\":\"message_stop\"}");
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static String quote(String s) {
        return JsonText.quote(s);
    }
}
