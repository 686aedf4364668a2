package dev.anyclaude.bench.jmh;

import dev.anyclaude.api.Call;
import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.Metrics;
import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.PluginContext;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.relay.RelayStage;
import dev.anyclaude.core.json.ProtocolJson;
import dev.anyclaude.plugins.toolcalls.ToolCallsMiddlewareFactory;
import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.StubCall;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * The tool-calls middleware on one plain answer (the 7 events of {@link AnthropicFixtures#textStreamFrames()}: no
 * marker in its text) for a Claude Code-shaped request with 12 tools: the fast path's stage, made for the call and
 * fed every event, in auto mode (the default) and off; and the pull path (intercept over an event stream) for
 * comparison; and one more plain text delta (44 chars) through a stage already in a text block. The tool-calls JAR
 * is not in bench/target/plugins (loaded as a plugin it would change the lanes); run with
 * <pre>
 * ./mvnw -B -q package -pl bench -am -DskipTests
 * java -cp "$(cat bench/target/classpath.txt):bench/target/classes:plugins/tool-calls/target/classes" \
 *     org.openjdk.jmh.Main ToolCallStagePath -prof gc -f 1 -wi 3 -w 2s -i 5 -r 2s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ToolCallStagePath {
    private final ProtocolJson json = new ProtocolJson();
    private Middleware middleware;
    private Call call;
    private List<StreamEvent> answer;

    @Setup
    public void setUp() {
        middleware = new ToolCallsMiddlewareFactory().create(new BenchContext());
        call = StubCall.of("req_bench", "local", json.read(Requests.claudeCodeShaped(), MessagesRequest.class));
        answer = new ArrayList<>();
        for (String frame : AnthropicFixtures.textStreamFrames()) {
            String data = frame.substring(frame.indexOf("data: ") + 6).trim();
            answer.add(json.read(data.getBytes(StandardCharsets.UTF_8), StreamEvent.class));
        }
    }

    /** A stage already in the answer's text block, and a sentence-long text delta without a marker. */
    @State(Scope.Thread)
    public static class InText {
        RelayStage stage;
        StreamEvent sentence;

        @Setup
        public void setUp(ToolCallStagePath path) {
            stage = path.middleware.onRelay(path.call, null).orElseThrow();
            stage.onEvent(path.answer.get(0));
            stage.onEvent(path.answer.get(1));
            sentence = new StreamEvent.ContentBlockDelta(0, new Delta.TextDelta(" I will read the file first, then the tests."));
        }
    }

    /** One more text delta in a text block the stage is already in: the per-delta cost. */
    @Benchmark
    public List<StreamEvent> stageTextDelta(InText inText) {
        return inText.stage.onEvent(inText.sentence);
    }

    /** The default: auto mode, the request declares tools, so the answer's text is scanned. */
    @Benchmark
    public void stageAuto(Blackhole sink) {
        run(middleware.onRelay(call, null).orElseThrow(), sink);
    }

    /** {@code "toolCalls": "off"} for the backend: the stage passes every event on. */
    @Benchmark
    public void stageOff(Blackhole sink) {
        run(middleware.onRelay(call, "off").orElseThrow(), sink);
    }

    /** The same answer through intercept, pulled from the wrapped event stream. */
    @Benchmark
    public void interceptAuto(Blackhole sink) {
        Reply reply = middleware.intercept(new Middleware.Chain() {
            @Override
            public Call call() {
                return call;
            }

            @Override
            public Reply proceed(Call next) {
                return Reply.events(EventStream.of(answer));
            }
        });
        EventStream events = ((Reply.Events) reply).events();
        for (StreamEvent event = events.next(); event != null; event = events.next()) {
            sink.consume(event);
        }
    }

    private void run(RelayStage stage, Blackhole sink) {
        sink.consume(stage.request(call));
        for (StreamEvent event : answer) {
            sink.consume(stage.onEvent(event));
        }
        sink.consume(stage.onEnd());
    }
    /** What the middleware's factory reads: no top-level toolCalls block; the rest is never asked for. */
    private static final class BenchContext implements PluginContext {
        @Override
        public String name() {
            return "toolCalls";
        }

        @Override
        public Map<String, Object> rawConfig() {
            return Map.of();
        }

        @Override
        public <T> T config(Class<T> type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Path dataDir() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Path logDir() {
            throw new UnsupportedOperationException();
        }

        @Override
        public UpstreamClient http() {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonCodec json() {
            return null;
        }

        @Override
        public Metrics metrics() {
            throw new UnsupportedOperationException();
        }
    }
}
