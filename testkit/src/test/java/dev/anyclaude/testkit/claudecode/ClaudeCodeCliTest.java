package dev.anyclaude.testkit.claudecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** How the CLI is started, against a fake {@code claude} (a shell script that reports what it was given). */
@DisabledOnOs(OS.WINDOWS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClaudeCodeCliTest {

    @TempDir
    Path temp;

    private ClaudeCodeCli fake(String body) throws Exception {
        Path script = temp.resolve("claude");
        Files.writeString(script, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return new ClaudeCodeCli(script);
    }

    @Test
    void commandHasPrintModeOutputFormatToolsAndExtraArgs() throws Exception {
        ClaudeCodeCli cli = fake("exit 0\n");
        ClaudeCodeRun run = ClaudeCodeRun.print("say hi", "http://127.0.0.1:1", temp)
                .withOutputFormat(ClaudeCodeRun.OutputFormat.STREAM_JSON)
                .withTools()
                .withArgs("--model", "x");

        assertEquals(List.of(cli.executable().toString(), "-p", "say hi", "--output-format", "stream-json", "--verbose",
                "--dangerously-skip-permissions", "--model", "x"), cli.command(run));
    }

    @Test
    void childSeesTheOfflineEnvironmentAndNothingElse() throws Exception {
        ClaudeCodeCli cli = fake("env | sort\n");
        Path work = Files.createDirectory(temp.resolve("work"));

        ClaudeCodeResult result = cli.run(ClaudeCodeRun.print("p", "http://127.0.0.1:9", work).withTools()
                .withEnv("ANTHROPIC_API_KEY", "sk-test"));

        assertTrue(result.succeeded(), result::toString);
        List<String> env = result.stdout().lines().toList();
        assertTrue(env.contains("ANTHROPIC_BASE_URL=http://127.0.0.1:9"), result::toString);
        assertTrue(env.contains("ANTHROPIC_API_KEY=sk-test"), result::toString);
        assertTrue(env.contains("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1"), result::toString);
        assertTrue(env.contains("DISABLE_TELEMETRY=1"), result::toString);
        assertTrue(env.contains("DISABLE_AUTOUPDATER=1"), result::toString);
        assertTrue(env.contains("CLAUDE_CODE_MAX_RETRIES=1"), result::toString);
        assertTrue(env.contains("IS_SANDBOX=1"), result::toString);
        assertTrue(env.stream().anyMatch(l -> l.startsWith("HOME=") && !l.equals("HOME=" + System.getProperty("user.home"))));
        assertFalse(env.stream().anyMatch(l -> l.startsWith("JAVA_HOME=") || l.startsWith("MAVEN_")), result::toString);
    }

    @Test
    void runsInTheWorkingDirectoryWithEmptyStdinAndCapturesBothOutputs() throws Exception {
        ClaudeCodeCli cli = fake("pwd; echo \"stdin:$(cat)\"; echo oops >&2; exit 3\n");
        Path work = Files.createDirectory(temp.resolve("work"));

        ClaudeCodeResult result = cli.run(ClaudeCodeRun.print("p", "http://127.0.0.1:9", work));

        assertEquals(3, result.exitCode());
        assertFalse(result.succeeded());
        assertEquals(List.of(work.toRealPath().toString(), "stdin:"), result.stdout().lines().toList());
        assertEquals("oops\n", result.stderr());
    }

    @Test
    void aGivenHomeIsUsedAndKept() throws Exception {
        ClaudeCodeCli cli = fake("touch \"$HOME/was-here\"\n");
        Path home = Files.createDirectory(temp.resolve("home"));

        cli.run(ClaudeCodeRun.print("p", "http://127.0.0.1:9", temp).withHome(home));

        assertTrue(Files.exists(home.resolve("was-here")));
    }

    @Test
    void aRunThatOutlivesItsTimeoutIsKilled() throws Exception {
        ClaudeCodeCli cli = fake("echo started; exec sleep 600\n");

        ClaudeCodeResult result = cli.run(ClaudeCodeRun.print("p", "http://127.0.0.1:9", temp)
                .withTimeout(Duration.ofMillis(500)));

        assertTrue(result.timedOut());
        assertFalse(result.succeeded());
    }
}
