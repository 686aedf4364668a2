package dev.anyclaude.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.RecordedRequest;
import dev.anyclaude.testkit.claudecode.ClaudeCodeInstall;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code anyclaude} itself (not {@code serve}), as installed: it starts the proxy, runs Claude Code pointed at it
 * with the user's arguments, and exits with Claude Code's exit code.
 */
class LauncherIT {
    private static final Path INSTALLATION = Path.of(System.getProperty("anyclaude.installation"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private static Run anyclaude(Path workDir, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(INSTALLATION.resolve("bin/anyclaude").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().put("HOME", workDir.toString());
        builder.environment().putAll(env);
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("anyclaude finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Path config(Path dir, String json) throws Exception {
        return Files.writeString(dir.resolve("anyclaude.json"), json);
    }

    @Test
    void claudeGetsTheProxysUrlAndTokenAndItsArgumentsAndItsExitCodeIsAnyclaudes(@TempDir Path dir) throws Exception {
        Path record = dir.resolve("claude-saw.txt");
        Path standIn = Files.writeString(dir.resolve("fake-claude"), """
                #!/bin/sh
                { echo "ARGS=$*"; echo "URL=$ANTHROPIC_BASE_URL"; echo "HEADERS=$ANTHROPIC_CUSTOM_HEADERS"; \
                  echo "KEY=$ANTHROPIC_API_KEY"; } > "%s"
                exit 7
                """.formatted(record));
        Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path config = config(dir, """
                {"backend":"claude","backends":{"claude":{"type":"anthropic"}},"claude":{"command":"%s"}}""".formatted(standIn));

        Run run = anyclaude(dir, Map.of(), "--config", config.toString(), "-p", "hello world", "--model", "opus");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(7);
        String saw = Files.readString(record);
        assertThat(saw).contains("ARGS=-p hello world --model opus");
        assertThat(saw).containsPattern("URL=http://127\\.0\\.0\\.1:\\d+");
        assertThat(saw).containsPattern("HEADERS=x-anyclaude-token: [0-9a-f]{48}");
        assertThat(saw).contains("KEY=\n");
    }

    @Test
    void missingClaudeSaysHowToInstallIt(@TempDir Path dir) throws Exception {
        Run run = anyclaude(dir, Map.of("PATH", "/usr/bin:/bin"), "-p", "hi");
        assertThat(run.exitCode()).isEqualTo(127);
        assertThat(run.stderr()).contains("npm install -g @anthropic-ai/claude-code");
    }

    @Test
    void theRealClaudeCodeRunsThroughAnyclaudeAgainstAMockBackend(@TempDir Path dir) throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("anyclaude.test.skipClaudeCode"), "Claude Code tests skipped");
        Path claude = ClaudeCodeInstall.pinned().ensureInstalled();
        try (MockAnthropicServer upstream = new MockAnthropicServer().start()) {
            upstream.setDefault(MockResponse.sse(AnthropicFixtures.textStreamFrames("Hello through anyclaude.")));
            Path config = config(dir, """
                    {"backend":"claude","backends":{"claude":{"type":"anthropic","baseUrl":"%s"}},
                     "claude":{"command":"%s"}}""".formatted(upstream.baseUrl(), claude));

            Run run = anyclaude(dir, Map.of("ANTHROPIC_API_KEY", "sk-ant-user-key", "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1",
                            "DISABLE_TELEMETRY", "1", "DISABLE_AUTOUPDATER", "1", "CLAUDE_CODE_MAX_RETRIES", "1"),
                    "--debug", "--config", config.toString(), "-p", "Say hello.", "--output-format", "json");

            assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
            JsonNode printed = JSON.readTree(run.stdout().substring(run.stdout().indexOf('{')));
            assertThat(printed.path("result").asText()).isEqualTo("Hello through anyclaude.");
            RecordedRequest seen = upstream.takeRequest(Duration.ofSeconds(5));
            assertThat(seen.target()).isEqualTo("/v1/messages?beta=true");
            assertThat(seen.header("x-api-key")).isEqualTo("sk-ant-user-key");
            assertThat(seen.header("x-anyclaude-token")).isNull();
            assertThat(new String(seen.body(), StandardCharsets.UTF_8)).contains("Say hello.");
            String log = Files.readString(dir.resolve(".anyclaude/logs/anyclaude.log"));
            assertThat(log).containsPattern("req_\\w+ /v1/messages backend=claude model=\\S+ status=200 tokens=\\d+/\\d+ ttfb=[0-9.]+ms total=[0-9.]+ms cache=-");
            assertThat(log).doesNotContain("sk-ant-user-key");
            assertThat(log).containsPattern("req_\\w+ request body: \\{.*Say hello\\.");
            assertThat(run.stderr()).doesNotContain("INFO");
        }
    }
}
