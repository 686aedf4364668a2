package dev.anyclaude.bench.jmh;

import dev.anyclaude.api.Call;
import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.api.http.UpstreamResponse;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.relay.AnswerTranslator;
import dev.anyclaude.api.relay.Relay;
import dev.anyclaude.core.json.ProtocolJson;
import dev.anyclaude.plugins.openai.OpenAiBackend;
import dev.anyclaude.plugins.openai.OpenAiConfig;
import dev.anyclaude.plugins.openai.OpenAiSetup;
import dev.anyclaude.plugins.openai.translate.TranslationOptions;
import dev.anyclaude.plugins.openai.wire.OpenAiJson;
import dev.anyclaude.testkit.OpenAiFixtures;
import dev.anyclaude.testkit.StubCall;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * The OpenAI backend's answer on the fast path against the blocking one, outside the network: the 4-chunk text
 * answer of the lanes ({@code role, "Hi", " there.", finish}, then {@code [DONE]}), each SSE frame arriving in its own
 * direct buffer as an IO thread gets it. {@code pushAnswer} is the {@code AnswerTranslator} alone (parse and
 * translate as bytes arrive); {@code pushJsonAnswer} the same for the same text as one JSON completion (what a
 * non-streaming client's request gets); {@code relayAndPushAnswer} adds {@code relay(call)} (the request's translation);
 * {@code messagesAndPullAnswer} is the blocking path over the same bytes from memory. The gc profiler gives the
 * bytes allocated per answer.
 *
 * <pre>{@code
 * java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt):$(ls bench/target/plugins/openai-*.jar)" \
 *     org.openjdk.jmh.Main FastPathAnswer -prof gc -f 1 -wi 2 -i 3
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FastPathAnswer {
    private static final HttpHeaders SSE = HttpHeaders.of(Map.of("content-type", List.of("text/event-stream")),
            (name, value) -> true);
    private static final HttpHeaders JSON = HttpHeaders.of(Map.of("content-type", List.of("application/json")),
            (name, value) -> true);

    private byte[] body;
    private ByteBuffer[] frames;
    private ByteBuffer completion;
    private OpenAiBackend backend;
    private Call call;
    private AnswerTranslator.Factory answers;

    @Setup
    public void setUp() {
        List<String> sse = OpenAiFixtures.sseFrames(OpenAiFixtures.textChunks("Hi", " there."), true);
        body = String.join("", sse).getBytes(StandardCharsets.UTF_8);
        frames = new ByteBuffer[sse.size()];
        for (int i = 0; i < frames.length; i++) {
            byte[] frame = sse.get(i).getBytes(StandardCharsets.UTF_8);
            frames[i] = ByteBuffer.allocateDirect(frame.length).put(frame).flip();
        }
        byte[] json = OpenAiFixtures.completionJson("Hi there.").getBytes(StandardCharsets.UTF_8);
        completion = ByteBuffer.allocateDirect(json.length).put(json).flip();
        UpstreamClient memory = request -> new InMemory(body);
        backend = new OpenAiBackend("bench", new OpenAiConfig("http://127.0.0.1:9/v1", null, null, null, null, null,
                null, null), new OpenAiSetup(TranslationOptions.defaults(), new OpenAiJson(), Requests.FIXED_IDS),
                memory, Optional.empty());
        call = new StubCall("req_bench", "bench", new ProtocolJson().read(Requests.small(), MessagesRequest.class), SSE);
        answers = ((Relay.Translated) backend.relay(call).orElseThrow()).translator();
    }

    /** The answer's bytes, frame by frame, through the fast path's translator. */
    @Benchmark
    public void pushAnswer(Blackhole sink) {
        push(answers, sink);
    }

    /** The same text as one JSON completion, in one buffer, through the fast path's translator. */
    @Benchmark
    public void pushJsonAnswer(Blackhole sink) {
        AnswerTranslator answer = answers.start(200, JSON);
        sink.consume(answer.accept(completion.clear()));
        sink.consume(answer.end());
    }

    /** {@code relay(call)} (translating the request and writing its body), then the answer as above. */
    @Benchmark
    public void relayAndPushAnswer(Blackhole sink) {
        push(((Relay.Translated) backend.relay(call).orElseThrow()).translator(), sink);
    }

    /** The blocking path over the same bytes: {@code messages(call)} and its event stream read to the end. */
    @Benchmark
    public void messagesAndPullAnswer(Blackhole sink) {
        try (Reply reply = backend.messages(call)) {
            EventStream events = ((Reply.Events) reply).events();
            for (StreamEvent event = events.next(); event != null; event = events.next()) {
                sink.consume(event);
            }
        }
    }

    private void push(AnswerTranslator.Factory factory, Blackhole sink) {
        AnswerTranslator answer = factory.start(200, SSE);
        for (ByteBuffer frame : frames) {
            sink.consume(answer.accept(frame.clear()));
        }
        sink.consume(answer.end());
    }

    /** An upstream answer already in memory. */
    private record InMemory(InputStream body, int status) implements UpstreamResponse {
        InMemory(byte[] bytes) {
            this(new ByteArrayInputStream(bytes), 200);
        }

        @Override
        public HttpHeaders headers() {
            return SSE;
        }

        @Override
        public void close() {
            // Nothing to release.
        }
    }
}
