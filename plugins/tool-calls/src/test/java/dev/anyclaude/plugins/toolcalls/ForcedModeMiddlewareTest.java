package dev.anyclaude.plugins.toolcalls;

import dev.anyclaude.api.model.Content;
import dev.anyclaude.api.model.InputMessage;
import dev.anyclaude.api.model.MessagesRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** In force mode the backend gets the rewritten request, and the reply is still read against the client's tools. */
class ForcedModeMiddlewareTest {
    private static final MessagesRequest REQUEST = new MessagesRequest("m", 100,
            List.of(new InputMessage("user", Content.of("list"))), null, null, null, null, null, true,
            List.copyOf(StreamRun.TOOLS.values()), null, null, null, null, null, null, Map.of());
    private static final List<String> ANSWER = List.of("<tool_", "call>{\"name\":\"Bash\",\"arguments\":{\"command\":\"ls\"}}</tool_call>");

    @Test
    void theBackendSeesNoToolsAndTheClientGetsToolUse() {
        MiddlewareRun.Outcome outcome = MiddlewareRun.run(Map.of("mode", "force", "format", "hermes"), REQUEST, ANSWER);

        assertThat(outcome.upstream().tools()).isNull();
        assertThat(outcome.upstream().system().text()).contains("<tools>", "\"name\":\"Bash\"");
        assertThat(outcome.uses()).containsExactly(new MiddlewareRun.Use("Bash", Map.of("command", "ls")));
        assertThat(outcome.stopReason()).isEqualTo("tool_use");
    }

    @Test
    void withoutForceTheBackendGetsTheClientsRequest() {
        MiddlewareRun.Outcome outcome = MiddlewareRun.run(Map.of(), REQUEST, ANSWER);

        assertThat(outcome.upstream()).isSameAs(REQUEST);
        assertThat(outcome.uses()).containsExactly(new MiddlewareRun.Use("Bash", Map.of("command", "ls")));
    }

    @Test
    void anUnknownFormatIsRejectedWhenTheMiddlewareIsMade() {
        assertThatThrownBy(() -> new ToolCallsMiddleware(Map.of("mode", "force", "format", "xml"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("format: must be")
                .hasMessageContaining("qwen3-coder");
    }
}
