package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.Call;
import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.Content;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.InputMessage;
import dev.anyclaude.api.model.Message;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.plugins.toolcalls.request.ToolPromptRewriter;
import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** In force mode the backend gets the rewritten request, and the reply is still read against the client's tools. */
class ForcedModeMiddlewareTest {

    private record TestCall(MessagesRequest request) implements Call {
        @Override public String id() { return "req_1"; }
        @Override public String backend() { return "local"; }
        @Override public String model() { return request.model(); }
        @Override public boolean streaming() { return true; }
        @Override public HttpHeaders headers() { return HttpHeaders.of(Map.of(), (a, b) -> true); }
        @Override public String query() { return ""; }
        @Override public Optional<byte[]> rawBody() { return Optional.empty(); }
        @Override public Call withRequest(MessagesRequest other) { return new TestCall(other); }
    }

    @Test
    void theBackendSeesNoToolsAndTheClientGetsToolUse() {
        MessagesRequest request = new MessagesRequest("m", 100, List.of(new InputMessage("user", Content.of("list"))),
                null, null, null, null, null, true, List.copyOf(StreamRun.TOOLS.values()), null, null, null, null,
                null, null, Map.of());
        List<Call> upstream = new ArrayList<>();
        Middleware.Chain chain = new Middleware.Chain() {
            @Override
            public Call call() {
                return new TestCall(request);
            }

            @Override
            public Reply proceed(Call call) {
                upstream.add(call);
                return Reply.events(EventStream.of(List.of(
                        new StreamEvent.MessageStart(new Message("msg_1", "m", List.of(), null, null, null, Map.of())),
                        new StreamEvent.ContentBlockStart(0, new ContentBlock.Text("")),
                        new StreamEvent.ContentBlockDelta(0, new Delta.TextDelta(
                                "<tool_call>{\"name\":\"Bash\",\"arguments\":{\"command\":\"ls\"}}</tool_call>")),
                        new StreamEvent.ContentBlockStop(0),
                        new StreamEvent.MessageDelta(StreamEvent.StopInfo.of("end_turn"), null),
                        new StreamEvent.MessageStop())));
            }
        };

        Reply reply = new ToolCallsMiddleware(ToolPromptRewriter.forFormat("hermes")).intercept(chain);

        assertThat(upstream).hasSize(1);
        assertThat(upstream.getFirst().request().tools()).isNull();
        assertThat(upstream.getFirst().request().system().text()).contains("<tools>", "\"name\":\"Bash\"");
        List<StreamEvent> events = new ArrayList<>();
        EventStream stream = ((Reply.Events) reply).events();
        for (StreamEvent e = stream.next(); e != null; e = stream.next()) {
            events.add(e);
        }
        assertThat(events).filteredOn(StreamEvent.ContentBlockStart.class::isInstance)
                .singleElement().satisfies(e -> assertThat(((StreamEvent.ContentBlockStart) e).contentBlock())
                        .isInstanceOfSatisfying(ContentBlock.ToolUse.class, use -> assertThat(use.name()).isEqualTo("Bash")));
        assertThat(events).filteredOn(StreamEvent.MessageDelta.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((StreamEvent.MessageDelta) e).delta().stopReason()).isEqualTo("tool_use"));
    }
}
