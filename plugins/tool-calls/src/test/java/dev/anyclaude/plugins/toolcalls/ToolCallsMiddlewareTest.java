package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.EventStream;
import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.Delta;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.model.Tool;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The middleware's decisions per backend setting and reply form, with a hand-made chain. */
class ToolCallsMiddlewareTest {
    private static final String PRINTED = "<tool_call>{\"name\":\"Read\",\"arguments\":{\"file_path\":\"a\"}}</tool_call>";
    private final ToolCallsMiddleware middleware = new ToolCallsMiddleware(Map.of(), null);

    private static Reply textReply() {
        return Reply.events(EventStream.of(List.of(
                new StreamEvent.ContentBlockStart(0, new ContentBlock.Text("")),
                new StreamEvent.ContentBlockDelta(0, new Delta.TextDelta(PRINTED)),
                new StreamEvent.ContentBlockStop(0),
                new StreamEvent.MessageDelta(StreamEvent.StopInfo.of("end_turn"), null),
                new StreamEvent.MessageStop())));
    }

    private static List<StreamEvent> drain(Reply reply) {
        EventStream events = ((Reply.Events) reply).events();
        List<StreamEvent> out = new ArrayList<>();
        for (StreamEvent e = events.next(); e != null; e = events.next()) {
            out.add(e);
        }
        return out;
    }

    @Test
    void aPrintedCallBecomesToolUseWhenTheBackendSaysNothing() {
        List<StreamEvent> events = drain(middleware.intercept(chain(null, List.of(StreamRun.TOOLS.get("Read")), textReply())));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(StreamEvent.ContentBlockStart.class,
                s -> assertThat(s.contentBlock()).isInstanceOf(ContentBlock.ToolUse.class)));
    }

    @Test
    void headersAnInnerMiddlewarePutOnTheAnswerReachTheClient() {
        Reply cached = ((Reply.Events) textReply()).withHeader("x-anyclaude-cache", "miss");

        Reply repaired = middleware.intercept(chain(null, List.of(StreamRun.TOOLS.get("Read")), cached));

        assertThat(((Reply.Events) repaired).headers().firstValue("x-anyclaude-cache")).hasValue("miss");
    }

    @Test
    void offOrNoClientToolsLeavesTheReplyAlone() {
        Reply reply = textReply();
        assertThat(middleware.intercept(chain("off", List.of(StreamRun.TOOLS.get("Read")), reply))).isSameAs(reply);
        assertThat(middleware.intercept(chain(Map.of("mode", "off"), List.of(StreamRun.TOOLS.get("Read")), reply)))
                .isSameAs(reply);
        assertThat(middleware.intercept(chain("force", List.of(), reply))).isSameAs(reply);
    }

    @Test
    void anUpstreamErrorOnTheRawLaneStaysRaw() {
        Reply error = new Reply.Raw(529, HttpHeaders.of(Map.of("content-type", List.of("application/json")), (a, b) -> true),
                new ByteArrayInputStream("{\"type\":\"error\"}".getBytes()));
        assertThat(middleware.intercept(chain(null, List.of(StreamRun.TOOLS.get("Read")), error))).isSameAs(error);
    }

    @Test
    void anUnknownModeNamesTheBackendAndField() {
        assertThatThrownBy(() -> middleware.intercept(chain("sometimes", List.of(), textReply())))
                .isInstanceOf(AnthropicException.class).hasMessageStartingWith("backends.local.mode: must be");
    }

    private static Middleware.Chain chain(Object setting, List<Tool> tools, Reply reply) {
        Call call = TestCall.of(new MessagesRequest("m", 100, List.of(), null, null, null, null, null, true, tools,
                null, null, null, null, null, null, Map.of()));
        return new Middleware.Chain() {
            @Override
            public Call call() {
                return call;
            }

            @Override
            public Reply proceed(Call next) {
                return reply;
            }

            @Override
            public Object backendSetting() {
                return setting;
            }
        };
    }
}
