package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anyclaude.testkit.MockOpenAiServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.OpenAiFixtures;
import dev.anyclaude.testkit.RecordedRequest;
import dev.anyclaude.testkit.claudecode.ClaudeCodeCli;
import dev.anyclaude.testkit.claudecode.ClaudeCodeResult;
import dev.anyclaude.testkit.claudecode.ClaudeCodeRun;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The real Claude Code CLI through the proxy's {@code openai} backend to a mock OpenAI-compatible server that
 * answers with a streamed tool call: Claude Code runs the tool for real, and its result reaches the server as a
 * {@code tool} message.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // the first run installs Claude Code from npm
class ClaudeCodeOpenAiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ClaudeCodeCli claude;

    private MockOpenAiServer upstream;
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
        upstream = new MockOpenAiServer().start();
        proxy = ProxyFixture.openai(upstream.baseUrl() + "/v1");
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    @Test
    void claudeCodeRunsAStreamedToolCallAndTheResultComesBackAsAToolMessage() throws Exception {
        Path file = workDir.resolve("notes.txt");
        String content = "written through an OpenAI-compatible backend\n";
        ObjectNode arguments = JsonNodeFactory.instance.objectNode().put("file_path", file.toString()).put("content", content);
        upstream.dispatch(MockOpenAiServer.CHAT_COMPLETIONS, request -> {
            JsonNode body = body(request);
            boolean hasToolResult = false;
            for (JsonNode message : body.path("messages")) {
                hasToolResult |= "tool".equals(message.path("role").asText());
            }
            return hasToolResult
                    ? MockResponse.chunks(OpenAiFixtures.textChunks("Saved ", "notes.txt."))
                    : MockResponse.chunks(OpenAiFixtures.toolCallChunks("call_write_1", "Write", arguments.toString()));
        });

        ClaudeCodeResult result = claude.run(ClaudeCodeRun.print("Save a note.", proxy.url(), workDir).withTools());

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(content);
        assertThat(JSON.readTree(result.stdout()).path("result").asText()).isEqualTo("Saved notes.txt.");

        List<RecordedRequest> requests = takeAll();
        assertThat(requests).hasSize(2);
        JsonNode first = body(requests.get(0));
        assertThat(first.path("stream").asBoolean()).isTrue();
        assertThat(first.has("metadata")).isFalse();
        assertThat(first.has("output_config")).isFalse();
        assertThat(first.has("context_management")).isFalse();
        assertThat(first.path("messages").get(0).path("role").asText()).isEqualTo("system");
        List<String> tools = new ArrayList<>();
        first.path("tools").forEach(tool -> tools.add(tool.path("function").path("name").asText()));
        assertThat(tools).contains("Write", "Read", "Bash", "Edit");

        JsonNode second = body(requests.get(1));
        JsonNode assistant = null;
        JsonNode tool = null;
        for (JsonNode message : second.path("messages")) {
            if ("assistant".equals(message.path("role").asText()) && message.has("tool_calls")) {
                assistant = message;
            }
            if ("tool".equals(message.path("role").asText())) {
                tool = message;
            }
        }
        assertThat(assistant).isNotNull();
        assertThat(assistant.path("tool_calls").get(0).path("id").asText()).isEqualTo("call_write_1");
        assertThat(JSON.readTree(assistant.path("tool_calls").get(0).path("function").path("arguments").asText()))
                .isEqualTo(arguments);
        assertThat(tool).isNotNull();
        assertThat(tool.path("tool_call_id").asText()).isEqualTo("call_write_1");
        assertThat(tool.path("content").toString()).contains("notes.txt");
    }

    private static JsonNode body(RecordedRequest request) {
        try {
            return JSON.readTree(request.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
