package dev.anyclaude.bench.jmh;

import com.fasterxml.jackson.core.JsonFactory;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.core.json.AnswerUsage;
import dev.anyclaude.core.json.ProtocolJson;
import dev.anyclaude.core.json.RequestPeek;
import dev.anyclaude.core.sse.SseWriter;
import dev.anyclaude.plugins.anthropic.compat.CompatNormaliser;
import dev.anyclaude.plugins.cache.CacheKey;
import dev.anyclaude.plugins.cache.CacheKeys;
import dev.anyclaude.plugins.anthropic.compat.CompatOptions;
import dev.anyclaude.plugins.anthropic.compat.CompatWriter;
import dev.anyclaude.plugins.openai.translate.RequestTranslator;
import dev.anyclaude.plugins.openai.translate.StreamTranslator;
import dev.anyclaude.plugins.openai.translate.Translation;
import dev.anyclaude.plugins.openai.translate.TranslationOptions;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.OpenAiFixtures;
import dev.anyclaude.api.Call;
import dev.anyclaude.testkit.StubCall;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-request hot paths outside the network: reading a request (the passthrough's peek, the full parse into
 * records), translating it to OpenAI and the answer's chunks back to events, and encoding events as SSE frames.
 * Run by bench/run.sh with the gc profiler, which adds the bytes allocated per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPaths {
    private final ProtocolJson json = new ProtocolJson();
    private final JsonFactory factory = new JsonFactory();
    private final OpenAiJson openAiJson = new OpenAiJson();
    private final RequestTranslator translator = new RequestTranslator(TranslationOptions.defaults(), openAiJson);
    private final CompatNormaliser compatNormaliser = new CompatNormaliser(CompatOptions.defaults());
    private final CompatWriter compatWriter = new CompatWriter(CompatOptions.defaults(), json);
    private final CacheKeys cacheKeys = new CacheKeys(new com.fasterxml.jackson.databind.ObjectMapper(), json);
    private byte[] small;
    private byte[] claudeCode;
    private byte[] claudeCodeTurn;
    private MessagesRequest smallRequest;
    private MessagesRequest claudeCodeRequest;
    private MessagesRequest claudeCodeTurnRequest;
    private Translation smallTranslation;
    private List<String> chunkData;
    private StreamEvent textDelta;
    private List<StreamEvent> answer;
    private byte[] answerJson;
    private byte[] messageStartLine;
    private Call smallCall;
    private Call claudeCodeTurnCall;

    @Setup
    public void setUp() {
        small = Requests.small();
        claudeCode = Requests.claudeCodeShaped();
        smallRequest = json.read(small, MessagesRequest.class);
        claudeCodeRequest = json.read(claudeCode, MessagesRequest.class);
        claudeCodeTurn = dev.anyclaude.bench.ClaudeCodeTurn.body("Summarise what Main does.");
        claudeCodeTurnRequest = json.read(claudeCodeTurn, MessagesRequest.class);
        smallTranslation = translator.translate(smallRequest);
        chunkData = new ArrayList<>();
        for (String element : OpenAiFixtures.textChunks("Hi", " there.")) {
            chunkData.add(element);
        }
        answer = new ArrayList<>();
        for (String frame : AnthropicFixtures.textStreamFrames()) {
            String data = frame.substring(frame.indexOf("data: ") + 6).trim();
            answer.add(json.read(data.getBytes(StandardCharsets.UTF_8), StreamEvent.class));
        }
        textDelta = answer.get(3);
        answerJson = AnthropicFixtures.messageJson().getBytes(StandardCharsets.UTF_8);
        messageStartLine = AnthropicFixtures.textStreamFrames().get(0).lines()
                .filter(line -> line.startsWith("data: ")).findFirst().orElseThrow().getBytes(StandardCharsets.UTF_8);
        HttpHeaders headers = HttpHeaders.of(Map.of("x-api-key", List.of("sk-ant-bench-key"),
                "anthropic-beta", List.of("claude-code-20250219,interleaved-thinking-2025-05-14")), (name, value) -> true);
        smallCall = new StubCall("req_1", "anthropic", smallRequest, headers, small);
        claudeCodeTurnCall = new StubCall("req_2", "anthropic", claudeCodeTurnRequest, headers, claudeCodeTurn);
    }

    /** The cache's key of the lanes' 130-byte request (a cache hit's own work before the lookup). */
    @Benchmark
    public CacheKey cacheKeySmallRequest() {
        return cacheKeys.keyOf(smallCall);
    }

    /** The cache's key of the Claude Code turn (51,800 bytes). */
    @Benchmark
    public CacheKey cacheKeyClaudeCodeTurn() {
        return cacheKeys.keyOf(claudeCodeTurnCall);
    }

    /** The passthrough's check of a whole JSON answer before it goes out: one JSON object, and its usage. */
    @Benchmark
    public AnswerUsage checkAnswer() {
        return AnswerUsage.of(factory, answerJson, 0, answerJson.length, null);
    }

    /** The request log's reading of a relayed stream's {@code message_start} line. */
    @Benchmark
    public AnswerUsage readStreamUsage() {
        return AnswerUsage.of(factory, messageStartLine, 6, messageStartLine.length - 6, "message");
    }

    /** What the passthrough reads of a request: model, max_tokens, stream. */
    @Benchmark
    public RequestPeek peekSmallRequest() {
        return RequestPeek.of(factory, small, RequestPeek.Kind.MESSAGES);
    }

    @Benchmark
    public RequestPeek peekClaudeCodeRequest() {
        return RequestPeek.of(factory, claudeCode, RequestPeek.Kind.MESSAGES);
    }

    /** The same for the {@code claude-code-turn} lane's request (51,800 bytes, {@code stream} last). */
    @Benchmark
    public RequestPeek peekClaudeCodeTurn() {
        return RequestPeek.of(factory, claudeCodeTurn, RequestPeek.Kind.MESSAGES);
    }

    /** The full parse into plugin-api records, as lanes that look at the request do. */
    @Benchmark
    public MessagesRequest parseSmallRequest() {
        return json.read(small, MessagesRequest.class);
    }

    @Benchmark
    public MessagesRequest parseClaudeCodeRequest() {
        return json.read(claudeCode, MessagesRequest.class);
    }

    /** Anthropic request records to the OpenAI request body. */
    @Benchmark
    public byte[] translateSmallRequest() {
        return openAiJson.writeRequest(translator.translate(smallRequest).request(), Map.of());
    }

    @Benchmark
    public byte[] translateClaudeCodeRequest() {
        return openAiJson.writeRequest(translator.translate(claudeCodeRequest).request(), Map.of());
    }

    /** The {@code claude-code-turn-openai} lane's request translated and written as a Chat Completions body. */
    @Benchmark
    public byte[] translateClaudeCodeTurn() {
        return openAiJson.writeRequest(translator.translate(claudeCodeTurnRequest).request(), Map.of());
    }

    /**
     * The same turn reshaped and written for an Anthropic-compatible server (the {@code anthropic} backend's
     * compatible mode, which Ollama's and LM Studio's plugins use).
     */
    @Benchmark
    public byte[] compatClaudeCodeTurn() {
        return compatWriter.write(compatNormaliser.normalise(claudeCodeTurnRequest));
    }

    /** A whole 4-chunk OpenAI answer read and translated into Anthropic events. */
    @Benchmark
    public void translateStreamAnswer(Blackhole sink) {
        StreamTranslator stream = StreamTranslator.of("bench", "m", smallTranslation, Requests.FIXED_IDS, openAiJson);
        for (String data : chunkData) {
            sink.consume(stream.onChunk(openAiJson.readChunk(data)));
        }
        sink.consume(stream.onDone());
    }

    /** One content_block_delta as an SSE frame. */
    @Benchmark
    public byte[] encodeSseDelta() {
        return SseWriter.frame(textDelta, json);
    }

    /** The 7 events of a text answer as SSE frames. */
    @Benchmark
    public void encodeSseAnswer(Blackhole sink) {
        for (StreamEvent event : answer) {
            sink.consume(SseWriter.frame(event, json));
        }
    }
}
