package dev.anyclaude.it;

import static dev.anyclaude.it.ClaudeCodeRequests.blocks;
import static dev.anyclaude.it.ClaudeCodeRequests.body;
import static dev.anyclaude.it.ClaudeCodeRequests.streams;
import static dev.anyclaude.it.ClaudeCodeRequests.toolNames;
import static dev.anyclaude.it.ClaudeCodeRequests.toolResultIds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.RecordedRequest;
import dev.anyclaude.testkit.claudecode.ClaudeCodeCli;
import dev.anyclaude.testkit.claudecode.ClaudeCodeInstall;
import dev.anyclaude.testkit.claudecode.ClaudeCodeResult;
import dev.anyclaude.testkit.claudecode.ClaudeCodeRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI (the pinned npm release, installed on first use) talks to the proxy, whose Anthropic
 * passthrough talks to a mock Anthropic upstream: Claude Code's own requests cross the proxy unchanged, and the
 * mock's answers drive it, tool calls included. Skip with {@code -Danyclaude.test.skipClaudeCode=true} on a
 * machine without npm.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // the first run installs Claude Code from npm
class ClaudeCodePassthroughTest {
    private static final String ANSWER = "Hello from the mock, through anyclaude.";

    private static ClaudeCodeCli claude;

    private MockAnthropicServer upstream;
    private ProxyFixture proxy;

    @TempDir
    Path workDir;

    @BeforeAll
    static void installClaudeCode() throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("anyclaude.test.skipClaudeCode"), "Claude Code tests skipped");
        claude = ClaudeCodeCli.installed();
    }

    @BeforeEach
    void start() {
        upstream = new MockAnthropicServer().start();
        // With non-essential traffic off Claude Code calls only /v1/messages; these keep a newer habit answered.
        upstream.setDefault(MockAnthropicServer.COUNT_TOKENS, MockResponse.json(200, AnthropicFixtures.countTokensJson(42)));
        upstream.setDefault(MockAnthropicServer.MODELS, MockResponse.json(200, AnthropicFixtures.modelsJson("claude-opus-5-5")));
        proxy = ProxyFixture.anthropic(upstream.baseUrl());
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    @Test
    void claudeCodePrintsTheUpstreamsTextAndItsRequestCrossesUnchanged() throws Exception {
        upstream.dispatch(MockAnthropicServer.MESSAGES, request -> streams(body(request))
                ? MockResponse.sse(AnthropicFixtures.textStreamFrames(ANSWER))
                : MockResponse.json(200, AnthropicFixtures.messageJson("msg_e2e", "m", ANSWER)));

        ClaudeCodeResult result = claude.run(ClaudeCodeRun.print("Say hello.", proxy.url(), workDir));

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        JsonNode printed = ClaudeCodeRequests.parse(result.stdout());
        assertThat(printed.path("result").asText()).isEqualTo(ANSWER);
        assertThat(printed.path("is_error").asBoolean()).isFalse();

        List<RecordedRequest> requests = takeAll();
        assertThat(requests).isNotEmpty().allSatisfy(r -> assertThat(r.target()).isEqualTo("/v1/messages?beta=true"));
        RecordedRequest turn = requests.getFirst();
        assertThat(turn.method()).isEqualTo("POST");
        assertThat(turn.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(turn.header("anthropic-beta")).contains("claude-code-20250219", "interleaved-thinking-2025-05-14");
        assertThat(turn.header("x-api-key")).isEqualTo(ClaudeCodeCli.API_KEY);
        assertThat(turn.header("authorization")).isNull();
        assertThat(turn.header("user-agent")).startsWith("claude-cli/" + ClaudeCodeInstall.PINNED_VERSION + " ");
        assertThat(turn.header("x-app")).isEqualTo("cli");
        JsonNode body = body(turn);
        assertThat(body.path("model").asText()).isNotEmpty();
        assertThat(streams(body)).isTrue();
        assertThat(toolNames(body)).contains("Bash", "Read", "Write", "Edit");
        // The CLI sometimes appends what its shell printed on start (here a pyenv hook's error) to the prompt's block.
        assertThat(blocks(body, "text")).anySatisfy(b -> assertThat(b.path("text").asText()).startsWith("Say hello."));
    }

    @Test
    void claudeCodeRunsTheUpstreamsWriteToolAndSendsItsResultBack() throws Exception {
        Path file = workDir.resolve("hello.txt");
        String content = "written by Claude Code's Write tool, as the mock asked\n";
        String toolUseId = "toolu_e2e_write_1";
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("file_path", file.toString()).put("content", content);
        upstream.dispatch(MockAnthropicServer.MESSAGES, request -> {
            JsonNode body = body(request);
            if (!toolResultIds(body).isEmpty()) {
                return MockResponse.sse(AnthropicFixtures.textStreamFrames("Wrote hello.txt."));
            }
            return streams(body)
                    ? MockResponse.sse(AnthropicFixtures.toolUseStreamFrames(toolUseId, "Write", input.toString()))
                    : MockResponse.json(200, AnthropicFixtures.messageJson("msg_e2e", "m", "No tools without a stream."));
        });

        ClaudeCodeResult result = claude.run(ClaudeCodeRun.print("Create hello.txt.", proxy.url(), workDir).withTools());

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(ClaudeCodeRequests.parse(result.stdout()).path("result").asText()).isEqualTo("Wrote hello.txt.");
        assertThat(file).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(content);

        List<RecordedRequest> requests = takeAll();
        assertThat(requests).hasSize(2);
        JsonNode second = body(requests.get(1));
        List<JsonNode> toolUses = blocks(second, "tool_use");
        assertThat(toolUses).singleElement().satisfies(use -> {
            assertThat(use.path("id").asText()).isEqualTo(toolUseId);
            assertThat(use.path("input")).isEqualTo(input);
        });
        List<JsonNode> results = blocks(second, "tool_result");
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.path("tool_use_id").asText()).isEqualTo(toolUseId);
            assertThat(r.path("is_error").asBoolean(false)).isFalse();
            assertThat(r.path("content").toString()).contains("hello.txt");
        });
    }

    /** Every request the upstream recorded; Claude Code has exited, so nothing more is on its way. */
    private List<RecordedRequest> takeAll() throws InterruptedException {
        List<RecordedRequest> all = new ArrayList<>();
        RecordedRequest next;
        while ((next = upstream.takeRequest(Duration.ZERO)) != null) {
            all.add(next);
        }
        return all;
    }
}
