package dev.anyclaude.it;

import static dev.anyclaude.it.ClaudeCodeRequests.blocks;
import static dev.anyclaude.it.ClaudeCodeRequests.body;
import static dev.anyclaude.it.ClaudeCodeRequests.streams;
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
import dev.anyclaude.testkit.claudecode.ClaudeCodeResult;
import dev.anyclaude.testkit.claudecode.ClaudeCodeRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI through the proxy's {@code ollama} backend, in native (Anthropic-compatible) mode, to
 * a mock that is as strict as a non-Anthropic server ({@link StrictAnthropicCompatible}): every real Claude Code
 * request must pass its checks the first time (Claude Code would otherwise degrade and retry), and the tool loop
 * (a streamed Write tool_use, then text) completes. Skip with {@code -Danyclaude.test.skipClaudeCode=true}.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // the first run installs Claude Code from npm
class ClaudeCodeOllamaTest {
    private static ClaudeCodeCli claude;

    private MockAnthropicServer upstream;
    private ProxyFixture proxy;
    private final List<String> rejections = new CopyOnWriteArrayList<>();

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
        proxy = ProxyFixture.start("{\"backend\":\"ollama\",\"backends\":{\"ollama\":{\"type\":\"ollama\",\"api\":"
                + "\"anthropic\",\"baseUrl\":\"" + upstream.baseUrl() + "\",\"model\":\"qwen3-coder:30b\"}}}");
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    @Test
    void claudeCodeRunsTheWriteToolThroughOllamasNativeEndpoint() throws Exception {
        Path file = workDir.resolve("hello.txt");
        String content = "written through Ollama's Anthropic endpoint\n";
        String toolUseId = "toolu_ollama_write_1";
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("file_path", file.toString()).put("content", content);
        upstream.dispatch(MockAnthropicServer.MESSAGES, request -> {
            StrictAnthropicCompatible.rejection(request, body(request)).ifPresent(rejections::add);
            return StrictAnthropicCompatible.dispatcher(body -> {
                if (!toolResultIds(body).isEmpty()) {
                    return MockResponse.sse(AnthropicFixtures.textStreamFrames("Wrote hello.txt."));
                }
                return streams(body)
                        ? MockResponse.sse(AnthropicFixtures.toolUseStreamFrames(toolUseId, "Write", input.toString()))
                        : MockResponse.json(200, AnthropicFixtures.messageJson("msg_e2e", "m", "No tools without a stream."));
            }).apply(request);
        });

        ClaudeCodeResult result = claude.run(ClaudeCodeRun.print("Create hello.txt.", proxy.url(), workDir).withTools());

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(rejections).isEmpty();
        assertThat(ClaudeCodeRequests.parse(result.stdout()).path("result").asText()).isEqualTo("Wrote hello.txt.");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(content);

        List<RecordedRequest> requests = takeAll();
        assertThat(requests).hasSize(2).allSatisfy(r -> {
            assertThat(r.header("x-api-key")).isNull();
            assertThat(body(r).path("model").asText()).isEqualTo("qwen3-coder:30b");
        });
        JsonNode second = body(requests.get(1));
        assertThat(blocks(second, "tool_use")).singleElement()
                .satisfies(use -> assertThat(use.path("input")).isEqualTo(input));
        assertThat(blocks(second, "tool_result")).singleElement()
                .satisfies(r -> assertThat(r.path("tool_use_id").asText()).isEqualTo(toolUseId));
        assertThat(second.path("system").toString()).contains("Claude Code");
    }

    private List<RecordedRequest> takeAll() throws InterruptedException {
        List<RecordedRequest> all = new ArrayList<>();
        RecordedRequest next;
        while ((next = upstream.takeRequest(Duration.ZERO)) != null) {
            all.add(next);
        }
        return all;
    }
}
