package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.testkit.MockOpenAiServer;
import dev.anyclaude.testkit.RecordedRequest;
import dev.anyclaude.testkit.claudecode.ClaudeCodeCli;
import dev.anyclaude.testkit.claudecode.ClaudeCodeResult;
import dev.anyclaude.testkit.claudecode.ClaudeCodeRun;
import java.io.IOException;
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
 * Issue 8's end-to-end proof: a mock model that prints its tool calls as text (Hermes and Qwen3-Coder, streamed in
 * pieces that split the markers) drives the real Claude Code CLI through Read, Write, Edit and a {@code git commit}
 * with Bash in a temporary repository, once with the backend's native tool fields and once in {@code force} mode,
 * where the backend gets no {@code tools} and the whole tool loop is text.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // the first run installs Claude Code from npm
class ClaudeCodeTextToolsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ClaudeCodeCli claude;

    private MockOpenAiServer upstream;
    private ProxyFixture proxy;
    private TextToolAgent agent;

    @TempDir
    Path repo;

    @BeforeAll
    static void installClaudeCode() throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("anyclaude.test.skipClaudeCode"), "Claude Code tests skipped");
        claude = ClaudeCodeCli.installed();
    }

    @BeforeEach
    void start() throws Exception {
        git("init", "-q");
        git("config", "user.name", "Text Tool Test");
        git("config", "user.email", "text-tools@example.invalid");
        git("config", "commit.gpgsign", "false");
        Files.writeString(repo.resolve("README.md"), TextToolAgent.README_TEXT + "\n", StandardCharsets.UTF_8);
        git("add", "README.md");
        git("commit", "-q", "-m", "initial");
        upstream = new MockOpenAiServer().start();
        agent = new TextToolAgent(repo);
        upstream.dispatch(MockOpenAiServer.CHAT_COMPLETIONS, agent::answer);
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        upstream.close();
    }

    @Test
    void printedCallsDriveReadWriteEditAndACommit() throws Exception {
        proxy = ProxyFixture.start(config("{}"));

        runTheLoop();

        List<JsonNode> requests = bodies();
        assertThat(requests.getFirst().path("tools")).as("native tools still go upstream").isNotEmpty();
    }

    @Test
    void forceModeSendsNoToolsAndTheWholeLoopAsText() throws Exception {
        // force is set where users set it, in the backend's entry
        proxy = ProxyFixture.start("{\"backend\":\"local\",\"backends\":{\"local\":{\"type\":\"openai\","
                + "\"toolCalls\":\"force\",\"baseUrl\":\"" + upstream.baseUrl() + "/v1\",\"apiKey\":\"k\"}}}");

        runTheLoop();

        List<JsonNode> requests = bodies();
        for (JsonNode body : requests) {
            assertThat(body.has("tools")).as("tools in %s", body).isFalse();
            assertThat(body.has("tool_choice")).isFalse();
            String system = TextToolAgent.text(body.path("messages").get(0).path("content"));
            assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
            assertThat(system).contains("<tools>", "\"name\":\"Write\"", "\"name\":\"Edit\"", "\"name\":\"Bash\"",
                    "<tool_call>");
            for (JsonNode message : body.path("messages")) {
                assertThat(message.path("role").asText()).isNotEqualTo("tool");
                assertThat(message.has("tool_calls")).isFalse();
            }
        }
        JsonNode last = requests.getLast();
        String history = last.path("messages").toString();
        assertThat(history).contains("<tool_call>\\n{\\\"name\\\":\\\"Read\\\"", "<tool_call>\\n{\\\"name\\\":\\\"Write\\\"",
                "<tool_call>\\n{\\\"name\\\":\\\"Edit\\\"", "<tool_call>\\n{\\\"name\\\":\\\"Bash\\\"", "<tool_response>");
    }

    /** Runs Claude Code once and checks the files, the commit and what the model was shown at each step. */
    private void runTheLoop() throws Exception {
        ClaudeCodeResult result = claude.run(ClaudeCodeRun.print("Add hello.txt to the repository and commit it.",
                proxy.url(), repo).withTools().withTimeout(Duration.ofSeconds(90)));

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(JSON.readTree(result.stdout()).path("result").asText()).isEqualTo(TextToolAgent.FINAL_ANSWER);
        assertThat(Files.readString(repo.resolve("hello.txt"), StandardCharsets.UTF_8)).isEqualTo(TextToolAgent.EDITED);
        assertThat(git("log", "-1", "--format=%s")).isEqualTo(TextToolAgent.COMMIT_MESSAGE + "\n");
        assertThat(git("show", "--name-only", "--format=", "HEAD")).isEqualTo("hello.txt\n");
        assertThat(git("status", "--porcelain")).isEmpty();

        List<String> seen = agent.resultsSeen();
        assertThat(seen).hasSize(5);
        assertThat(seen.get(0)).isEmpty();
        assertThat(seen.get(1)).contains(TextToolAgent.README_TEXT);
        assertThat(seen.get(2)).contains("hello.txt").containsIgnoringCase("created");
        assertThat(seen.get(3)).contains("hello.txt", "updated");
        assertThat(seen.get(4)).contains(TextToolAgent.COMMIT_MESSAGE);
    }

    private String config(String toolCallsBlock) {
        return "{\"toolCalls\":" + toolCallsBlock + ",\"backend\":\"local\",\"backends\":{\"local\":{\"type\":\"openai\","
                + "\"baseUrl\":\"" + upstream.baseUrl() + "/v1\",\"apiKey\":\"k\"}}}";
    }

    private List<JsonNode> bodies() throws InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        RecordedRequest next;
        while ((next = upstream.takeRequest(Duration.ZERO)) != null) {
            all.add(TextToolAgent.body(next));
        }
        return all;
    }

    private String git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("git %s", List.of(args)).isTrue();
        assertThat(process.exitValue()).as("git %s: %s", List.of(args), output).isZero();
        return output;
    }
}
