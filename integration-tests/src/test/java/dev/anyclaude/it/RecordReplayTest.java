package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anyclaude.core.config.ConfigException;
import dev.anyclaude.testkit.MockOpenAiServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.OpenAiFixtures;
import dev.anyclaude.testkit.claudecode.ClaudeCodeCli;
import dev.anyclaude.testkit.claudecode.ClaudeCodeResult;
import dev.anyclaude.testkit.claudecode.ClaudeCodeRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --record} then {@code --replay} of a real Claude Code tool loop (a Write tool call, then a final answer)
 * through the {@code openai} backend: the replay runs with the mock upstream stopped, in a fresh proxy, and Claude
 * Code reaches the same result.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // the first run installs Claude Code from npm
class RecordReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UPSTREAM_KEY = "sk-local-secret-record-1";
    private static final String CLIENT_KEY = "sk-ant-api03-client-secret-record-2";
    private static ClaudeCodeCli claude;

    @TempDir
    Path temp;

    @BeforeAll
    static void installClaudeCode() throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("anyclaude.test.skipClaudeCode"), "Claude Code tests skipped");
        claude = ClaudeCodeCli.installed();
    }

    @Test
    void claudeCodeRepeatsARecordedToolLoopFromTheReplayWithTheUpstreamStopped() throws Exception {
        Path recording = temp.resolve("recording");
        Path work = Files.createDirectories(temp.resolve("work"));
        Path file = work.resolve("notes.txt");
        String content = "written once, replayed offline\n";
        ObjectNode arguments = JsonNodeFactory.instance.objectNode().put("file_path", file.toString()).put("content", content);
        // Claude Code writes its working directory and HOME into the system prompt: both stay, as for a user.
        ClaudeCodeRun run = ClaudeCodeRun.print("Save a note.", "", work).withTools()
                .withHome(Files.createDirectories(temp.resolve("home")))
                .withEnv("ANTHROPIC_API_KEY", CLIENT_KEY);

        MockOpenAiServer upstream = new MockOpenAiServer().start();
        ClaudeCodeResult recorded;
        try (upstream; ProxyFixture proxy = ProxyFixture.start(config(upstream.baseUrl(), "record", recording))) {
            upstream.dispatch(MockOpenAiServer.CHAT_COMPLETIONS, request -> hasToolResult(request.body())
                    ? MockResponse.chunks(OpenAiFixtures.textChunks("Saved ", "notes.txt."))
                    : MockResponse.chunks(OpenAiFixtures.toolCallChunks("call_write_1", "Write", arguments.toString())));
            recorded = claude.run(withUrl(run, proxy.url()));
            assertThat(upstream.takeRequest(Duration.ZERO)).isNotNull();
        }
        assertThat(recorded.succeeded()).as(recorded.toString()).isTrue();
        assertThat(Files.readString(file)).isEqualTo(content);
        Files.delete(file);

        try (ProxyFixture replay = ProxyFixture.start(config(upstream.baseUrl(), "replay", recording))) {
            ClaudeCodeResult replayed = claude.run(withUrl(run, replay.url()));

            assertThat(replayed.succeeded()).as(replayed.toString()).isTrue();
            assertThat(result(replayed)).isEqualTo(result(recorded)).isEqualTo("Saved notes.txt.");
        }
        assertThat(Files.readString(file)).isEqualTo(content);

        JsonNode index = JSON.readTree(recording.resolve("index.json").toFile());
        assertThat(index.path("exchanges")).hasSize(2);
        assertThat(index.path("exchanges").get(0).path("file").asText()).startsWith("0001-");
        assertThat(index.path("exchanges").get(1).path("file").asText()).startsWith("0002-");
        try (Stream<Path> files = Files.list(recording)) {
            for (Path each : files.toList()) {
                assertThat(Files.readString(each)).doesNotContain(UPSTREAM_KEY).doesNotContain(CLIENT_KEY);
            }
        }
    }

    @Test
    void aRequestTheRecordingDoesNotHaveFailsLoudlyAndNamesTheNearestExchange() throws Exception {
        Path recording = temp.resolve("recording");
        try (MockOpenAiServer upstream = new MockOpenAiServer().start();
             ProxyFixture proxy = ProxyFixture.start(config(upstream.baseUrl(), "record", recording))) {
            upstream.enqueue(MockResponse.chunks(OpenAiFixtures.textChunks("Hello.")));
            assertThat(proxy.post("/v1/messages", request("Hi")).statusCode()).isEqualTo(200);
        }
        try (MockOpenAiServer upstream = new MockOpenAiServer().start();
             ProxyFixture replay = ProxyFixture.start(config(upstream.baseUrl(), "replay", recording))) {
            HttpResponse<String> seen = replay.post("/v1/messages", request("Hi"));
            HttpResponse<String> unseen = replay.post("/v1/messages", request("Bye"));

            assertThat(seen.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(seen.body()).path("content").get(0).path("text").asText()).isEqualTo("Hello.");
            assertThat(unseen.statusCode()).isEqualTo(404);
            JsonNode error = JSON.readTree(unseen.body());
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("error").path("type").asText()).isEqualTo("not_found_error");
            assertThat(error.path("error").path("message").asText())
                    .contains("not recorded in " + recording)
                    .contains("nearest recorded exchange: 0001-")
                    .contains("messages from messages[0] on");
            assertThat(upstream.takeRequest(Duration.ZERO)).isNull();
        }
    }

    @Test
    void aReplayWithoutThePluginThatReplaysRefusesToStartRatherThanReachTheBackend() throws Exception {
        Path noPlugins = Files.createDirectories(temp.resolve("no-plugins"));
        String required = config("http://127.0.0.1:9", "replay", temp).replace("\"mode\"", "\"required\":true,\"mode\"");

        assertThatThrownBy(() -> ProxyFixture.start(required, noPlugins))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("record: required, but no loaded plugin provides the \"record\" middleware");
    }

    private static String config(String upstreamUrl, String mode, Path recording) {
        return "{\"backend\":\"local\",\"backends\":{\"local\":{\"type\":\"openai\",\"baseUrl\":\"" + upstreamUrl
                + "/v1\",\"apiKey\":\"" + UPSTREAM_KEY + "\"}},\"record\":{\"mode\":\"" + mode + "\",\"dir\":\""
                + recording + "\"}}";
    }

    private static String request(String text) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\""
                + text + "\"}]}";
    }

    private static ClaudeCodeRun withUrl(ClaudeCodeRun run, String url) {
        return new ClaudeCodeRun(run.prompt(), url, run.workingDirectory(), run.outputFormat(), run.tools(),
                run.extraArgs(), run.extraEnv(), run.home(), run.timeout());
    }

    private static String result(ClaudeCodeResult result) {
        try {
            return JSON.readTree(result.stdout()).path("result").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasToolResult(byte[] body) {
        try {
            for (JsonNode message : JSON.readTree(body).path("messages")) {
                if ("tool".equals(message.path("role").asText())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
