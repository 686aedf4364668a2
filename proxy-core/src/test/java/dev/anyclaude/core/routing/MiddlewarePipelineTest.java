package dev.anyclaude.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Backend;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.Middleware;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.relay.RelayStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MiddlewarePipelineTest {
    private final Call call = mock(Call.class);
    private final Reply backendReply = Reply.json(Map.of("from", "backend"));
    private final Backend backend = c -> backendReply;

    @Test
    void middlewareRunsInOrderAroundTheBackend() {
        List<String> trace = new ArrayList<>();
        Middleware first = chain -> {
            trace.add("first in");
            Reply reply = chain.proceed(chain.call());
            trace.add("first out");
            return reply;
        };
        Middleware second = chain -> {
            trace.add("second in");
            return chain.proceed(chain.call());
        };
        Reply reply = new MiddlewarePipeline(List.of(new MiddlewarePipeline.Named("first", first),
                new MiddlewarePipeline.Named("second", second))).run(call, backend);
        assertThat(reply).isSameAs(backendReply);
        assertThat(trace).containsExactly("first in", "second in", "first out");
    }

    @Test
    void middlewareCanAnswerWithoutTheBackend() {
        Reply cached = Reply.json(Map.of("from", "cache"));
        Backend failing = c -> {
            throw new AssertionError("backend must not be called on a hit");
        };
        Reply reply = new MiddlewarePipeline(List.of(new MiddlewarePipeline.Named("cache", chain -> cached)))
                .run(call, failing);
        assertThat(reply).isSameAs(cached);
    }

    @Test
    void middlewareSeesTheChangedCallDownstream() {
        Call changed = mock(Call.class);
        when(changed.model()).thenReturn("changed");
        List<String> seen = new ArrayList<>();
        new MiddlewarePipeline(List.of(
                new MiddlewarePipeline.Named("rewriter", chain -> chain.proceed(changed)),
                new MiddlewarePipeline.Named("observer", chain -> {
                    seen.add(chain.call().model());
                    return chain.proceed(chain.call());
                }))).run(call, backend);
        assertThat(seen).containsExactly("changed");
    }

    @Test
    void proceedingTwiceIsRejectedNamingTheMiddleware() {
        Middleware greedy = chain -> {
            chain.proceed(chain.call());
            return chain.proceed(chain.call());
        };
        assertThatThrownBy(() -> new MiddlewarePipeline(List.of(new MiddlewarePipeline.Named("greedy", greedy))).run(call, backend))
                .isInstanceOf(AnthropicException.class)
                .hasMessageContaining("middleware 'greedy' called proceed() more than once");
    }

    @Test
    void aNullReplyIsRejectedNamingTheMiddleware() {
        assertThatThrownBy(() -> new MiddlewarePipeline(List.of(new MiddlewarePipeline.Named("lazy", chain -> null))).run(call, backend))
                .isInstanceOf(AnthropicException.class)
                .hasMessageContaining("middleware 'lazy' returned a null reply");
    }

    @Test
    void aStageThatAnswersIsTheLastAskedAndTheStagesFurtherInAreNeverMade() {
        Reply cached = Reply.json(Map.of("from", "cache"));
        List<String> asked = new ArrayList<>();
        Middleware cache = new StagedMiddleware("cache", asked, Optional.of(cached));
        Middleware inner = new StagedMiddleware("inner", asked, Optional.empty());

        MiddlewarePipeline.Staged staged = new MiddlewarePipeline(List.of(new MiddlewarePipeline.Named("cache", cache),
                new MiddlewarePipeline.Named("inner", inner))).stages(call).orElseThrow();

        assertThat(staged.answer()).isSameAs(cached);
        assertThat(staged.stages()).hasSize(1);
        assertThat(asked).containsExactly("cache");
    }

    @Test
    void stagesAlreadyMadeAreClosedNotRelayedWhenALaterMiddlewareHasNone() {
        List<String> asked = new ArrayList<>();
        Middleware staged = new StagedMiddleware("staged", asked, Optional.empty());
        Middleware blocking = chain -> chain.proceed(chain.call());

        Optional<MiddlewarePipeline.Staged> result = new MiddlewarePipeline(List.of(
                new MiddlewarePipeline.Named("staged", staged), new MiddlewarePipeline.Named("blocking", blocking)))
                .stages(call);

        assertThat(result).isEmpty();
        assertThat(asked).containsExactly("staged", "staged closed relayed=false");
    }

    /** A middleware whose stage records what the proxy asks of it. */
    private record StagedMiddleware(String name, List<String> asked, Optional<Reply> answer) implements Middleware {
        @Override
        public Reply intercept(Chain chain) {
            return chain.proceed(chain.call());
        }

        @Override
        public Optional<RelayStage> onRelay(Call call, Object backendSetting) {
            asked.add(name);
            return Optional.of(new RelayStage() {
                @Override
                public List<StreamEvent> onEvent(StreamEvent event) {
                    return List.of(event);
                }

                @Override
                public Optional<Reply> answer() {
                    return answer;
                }

                @Override
                public void closed(boolean relayed) {
                    asked.add(name + " closed relayed=" + relayed);
                }
            });
        }
    }
}
