package dev.anyclaude.testkit;

import static dev.anyclaude.testkit.JsonText.quote;
import static dev.anyclaude.testkit.JsonText.quoteOrNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Canned OpenAI Chat Completions payloads, exactly as OpenAI-compatible servers put them on the wire (see
 * docs/PROTOCOLS.md section 4 and, for mlx_lm.server, 6.1). Chunk methods return one compact chunk JSON object
 * each, ready for {@link MockResponse#chunks(List)}, which frames them as {@code data:} lines and appends
 * {@code data: [DONE]}; stream methods return such lists. Every chunk of a stream shares {@link #ID},
 * {@code created} 1 and {@link #MODEL}. All methods are pure and return fresh immutable values.
 *
 * <pre>{@code
 * backend.enqueue(MockResponse.chunks(OpenAiFixtures.comment("keepalive 1/2"),
 *         OpenAiFixtures.roleChunk(),
 *         OpenAiFixtures.reasoningChunk("Think."),
 *         OpenAiFixtures.textChunk("Hi"),
 *         OpenAiFixtures.finishChunk("stop"),
 *         OpenAiFixtures.usageChunk(50, 3, 32)));
 * }</pre>
 */
public final class OpenAiFixtures {

    /** The model name used by the fixtures. */
    public static final String MODEL = "m";
    /** The completion id used by the fixtures, constant across the chunks of a stream as the spec requires. */
    public static final String ID = "chatcmpl-mock1";
    /** The last frame of a normal stream. */
    public static final String DONE_FRAME = "data: [DONE]\n\n";

    private static final String CHUNK_HEAD = "{\"id\":" + quote(ID) + ",\"object\":\"chat.completion.chunk\","
            + "\"created\":1,\"model\":" + quote(MODEL) + ",";

    private OpenAiFixtures() {
    }

    /** A tool call of a non-streamed answer; {@code arguments} is the JSON text of the arguments object. */
    public record ToolCall(String id, String name, String arguments) {
        /** @throws NullPointerException if an argument is null */
        public ToolCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arguments, "arguments");
        }
    }

    /** An SSE comment element for {@link MockResponse#chunks(List)}: {@code ": " + text}, e.g. {@code ": keepalive 1/10"}. */
    public static String comment(String text) {
        return ": " + text;
    }

    /** One data frame: {@code "data: " + json + "\n\n"}. */
    public static String dataFrame(String json) {
        return "data: " + json + "\n\n";
    }

    /**
     * The frames of {@link MockResponse#chunks(List)}: each element as a {@link #dataFrame(String) data frame}, or
     * as {@code element + "\n\n"} when it starts with {@code ':'} (a comment), then {@link #DONE_FRAME} if
     * {@code done}. Join them with {@link AnthropicFixtures#join(List)} to get the exact body.
     *
     * @throws NullPointerException if {@code elements} or one of them is null
     */
    public static List<String> sseFrames(List<String> elements, boolean done) {
        List<String> frames = new ArrayList<>(elements.size() + 1);
        for (String element : elements) {
            frames.add(element.startsWith(":") ? element + "\n\n" : dataFrame(element));
        }
        if (done) {
            frames.add(DONE_FRAME);
        }
        return List.copyOf(frames);
    }

    /**
     * A chunk with one choice (index 0) carrying {@code deltaJson} and {@code finishReason}:
     * {@code {"id":…,"object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":D,"finish_reason":F}]}}.
     *
     * @param deltaJson    the delta object as JSON text
     * @param finishReason e.g. {@code stop}, {@code tool_calls}, {@code length}; null writes JSON {@code null}
     */
    public static String chunk(String deltaJson, String finishReason) {
        return CHUNK_HEAD + "\"choices\":[{\"index\":0,\"delta\":" + deltaJson + ",\"finish_reason\":"
                + quoteOrNull(finishReason) + "}]}";
    }

    /** The usual first chunk: delta {@code {"role":"assistant","content":""}}. */
    public static String roleChunk() {
        return chunk("{\"role\":\"assistant\",\"content\":\"\"}", null);
    }

    /** A text delta: {@code {"content":text}}. */
    public static String textChunk(String text) {
        return chunk("{\"content\":" + quote(text) + "}", null);
    }

    /** A reasoning delta in {@code reasoning} (vLLM since the rename, Ollama, mlx_lm, LM Studio, OpenRouter). */
    public static String reasoningChunk(String text) {
        return chunk("{\"reasoning\":" + quote(text) + "}", null);
    }

    /** A reasoning delta in {@code reasoning_content} (DeepSeek, llama.cpp, older vLLM). */
    public static String reasoningContentChunk(String text) {
        return chunk("{\"reasoning_content\":" + quote(text) + "}", null);
    }

    /**
     * One tool-call fragment, {@code {"tool_calls":[{"index":I,"id":…,"type":"function","function":{"name":…,"arguments":…}}]}};
     * every null argument is left out, so this also writes the quirks of PROTOCOLS.md 4.4 (no index, a repeated
     * id, a whole call in one fragment). {@code "type":"function"} is written whenever {@code id} is.
     */
    public static String toolCallChunk(Integer index, String id, String name, String arguments) {
        List<String> call = new ArrayList<>();
        if (index != null) {
            call.add("\"index\":" + index);
        }
        if (id != null) {
            call.add("\"id\":" + quote(id));
            call.add("\"type\":\"function\"");
        }
        List<String> function = new ArrayList<>();
        if (name != null) {
            function.add("\"name\":" + quote(name));
        }
        if (arguments != null) {
            function.add("\"arguments\":" + quote(arguments));
        }
        call.add("\"function\":{" + String.join(",", function) + "}");
        return chunk("{\"tool_calls\":[{" + String.join(",", call) + "}]}", null);
    }

    /** The first fragment of a call as the spec sends it: index, id, type, name, and empty arguments. */
    public static String toolCallStartChunk(int index, String id, String name) {
        return toolCallChunk(index, id, name, "");
    }

    /** A later fragment of a call: only its index and a piece of the arguments text. */
    public static String toolCallArgumentsChunk(int index, String argumentsFragment) {
        return toolCallChunk(index, null, null, argumentsFragment);
    }

    /** The last choice chunk: an empty delta and {@code finishReason}. */
    public static String finishChunk(String finishReason) {
        return chunk("{}", finishReason);
    }

    /**
     * The extra chunk of {@code stream_options.include_usage}: no choices, then
     * {@code "usage":{"prompt_tokens":P,"completion_tokens":C,"total_tokens":P+C,"prompt_tokens_details":{"cached_tokens":N}}}.
     */
    public static String usageChunk(int promptTokens, int completionTokens, int cachedTokens) {
        return CHUNK_HEAD + "\"choices\":[],\"usage\":{\"prompt_tokens\":" + promptTokens
                + ",\"completion_tokens\":" + completionTokens + ",\"total_tokens\":" + (promptTokens + completionTokens)
                + ",\"prompt_tokens_details\":{\"cached_tokens\":" + cachedTokens + "}}}";
    }

    /**
     * A mid-stream error as OpenRouter sends it (HTTP 200 already gone): a top-level {@code error} object next to
     * a choice with {@code finish_reason:"error"}. openai-python raises on any chunk with a top-level
     * {@code error}; for the bare OpenAI shape use {@link #errorBody} as the chunk.
     */
    public static String errorChunk(String code, String message) {
        return CHUNK_HEAD + "\"error\":{\"code\":" + quote(code) + ",\"message\":" + quote(message) + "},"
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\"}]}";
    }

    /** A whole text stream: {@link #roleChunk()}, one {@link #textChunk} per piece, {@code finishChunk("stop")}. */
    public static List<String> textChunks(String... pieces) {
        List<String> chunks = new ArrayList<>(pieces.length + 2);
        chunks.add(roleChunk());
        for (String piece : pieces) {
            chunks.add(textChunk(piece));
        }
        chunks.add(finishChunk("stop"));
        return List.copyOf(chunks);
    }

    /**
     * The tool-call stream of PROTOCOLS.md 4.3: the call's first fragment (with empty arguments), its arguments in
     * two halves, {@code finishChunk("tool_calls")} and {@code usageChunk(50, 12, 0)}.
     *
     * @param argumentsJson the arguments object as JSON text
     */
    public static List<String> toolCallChunks(String id, String name, String argumentsJson) {
        int half = argumentsJson.length() / 2;
        if (half > 0 && Character.isHighSurrogate(argumentsJson.charAt(half - 1))) {
            half++;
        }
        return List.of(
                toolCallStartChunk(0, id, name),
                toolCallArgumentsChunk(0, argumentsJson.substring(0, half)),
                toolCallArgumentsChunk(0, argumentsJson.substring(half)),
                finishChunk("tool_calls"),
                usageChunk(50, 12, 0));
    }

    /** A non-streamed answer with {@code content} and {@code finish_reason:"stop"}. */
    public static String completionJson(String content) {
        return completionJson(content, List.of(), "stop");
    }

    /**
     * A non-streamed {@code chat.completion}: one choice whose message has {@code content} (null writes JSON
     * {@code null}) and, when {@code toolCalls} is not empty, {@code tool_calls}; usage 12 prompt, 5 completion.
     *
     * @param finishReason e.g. {@code stop}, {@code tool_calls}, {@code length}
     */
    public static String completionJson(String content, List<ToolCall> toolCalls, String finishReason) {
        String calls = toolCalls.stream()
                .map(c -> "{\"id\":" + quote(c.id()) + ",\"type\":\"function\",\"function\":{\"name\":"
                        + quote(c.name()) + ",\"arguments\":" + quote(c.arguments()) + "}}")
                .collect(Collectors.joining(","));
        return "{\"id\":" + quote(ID) + ",\"object\":\"chat.completion\",\"created\":1,\"model\":" + quote(MODEL)
                + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + quoteOrNull(content)
                + (calls.isEmpty() ? "" : ",\"tool_calls\":[" + calls + "]")
                + "},\"logprobs\":null,\"finish_reason\":" + quote(finishReason) + "}],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}";
    }

    /**
     * An OpenAI error body, {@code {"error":{"message":M,"type":T,"param":P,"code":C}}}; null {@code param} or
     * {@code code} write JSON {@code null}. Also the bare mid-stream error chunk.
     */
    public static String errorBody(String message, String type, String param, String code) {
        return "{\"error\":{\"message\":" + quote(message) + ",\"type\":" + quote(type) + ",\"param\":"
                + quoteOrNull(param) + ",\"code\":" + quoteOrNull(code) + "}}";
    }

    /** A vLLM error body: {@code {"object":"error","message":M,"type":T,"param":null,"code":status}}. */
    public static String vllmErrorBody(String message, String type, int code) {
        return "{\"object\":\"error\",\"message\":" + quote(message) + ",\"type\":" + quote(type)
                + ",\"param\":null,\"code\":" + code + "}";
    }

    /** An mlx_lm.server error body: {@code {"error":"<message>"}}, a plain string. */
    public static String mlxErrorBody(String message) {
        return "{\"error\":" + quote(message) + "}";
    }

    /** An OpenRouter error body: {@code {"error":{"code":status,"message":M}}}. */
    public static String openRouterErrorBody(int code, String message) {
        return "{\"error\":{\"code\":" + code + ",\"message\":" + quote(message) + "}}";
    }

    /** The OpenAI error {@code type} for a status: 429 {@code requests}, 5xx {@code server_error}, else {@code invalid_request_error}. */
    public static String errorTypeFor(int status) {
        if (status == 429) {
            return "requests";
        }
        return status >= 500 ? "server_error" : "invalid_request_error";
    }

    /** A complete OpenAI error answer: {@link #errorBody} with {@link #errorTypeFor(int)}, null param and code. */
    public static FixedResponse errorResponse(int status, String message) {
        return MockResponse.json(status, errorBody(message, errorTypeFor(status), null, null));
    }

    /** The answer of {@code GET /v1/models}: {@code {"object":"list","data":[{"id":…,"object":"model","created":…,"owned_by":"mock"}]}}. */
    public static String modelsJson(String... ids) {
        String data = Stream.of(ids)
                .map(id -> "{\"id\":" + quote(id) + ",\"object\":\"model\",\"created\":1700000000,\"owned_by\":\"mock\"}")
                .collect(Collectors.joining(","));
        return "{\"object\":\"list\",\"data\":[" + data + "]}";
    }
}
