package dev.anyclaude.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeLauncherTest {
    @TempDir
    Path dir;

    private Path executable(String name) throws IOException {
        Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void claudeIsFoundOnPathAndTheEnvironmentOrConfigOverridesIt() throws IOException {
        Path onPath = executable("claude");
        Path custom = executable("my-claude");
        String path = "/nonexistent:" + dir;
        assertThat(ClaudeLauncher.find(null, null, path)).contains(onPath);
        assertThat(ClaudeLauncher.find(null, custom.toString(), path)).contains(custom);
        assertThat(ClaudeLauncher.find("my-claude", "claude", path)).contains(custom);
    }

    @Test
    void missingClaudeIsEmpty() {
        assertThat(ClaudeLauncher.find(null, null, "/nonexistent")).isEmpty();
        assertThat(ClaudeLauncher.find(null, "/nonexistent/claude", "/usr/bin")).isEmpty();
    }

    @Test
    void environmentPointsClaudeCodeAtTheProxyAndKeepsTheUsersHeaders() {
        Map<String, String> env = ClaudeLauncher.environment(
                Map.of("PATH", "/bin", "ANTHROPIC_CUSTOM_HEADERS", "X-Team: tools"), Map.of("IS_SANDBOX", "1"),
                "http://127.0.0.1:4000", "t0k", true);
        assertThat(env).containsEntry("PATH", "/bin").containsEntry("IS_SANDBOX", "1")
                .containsEntry("ANTHROPIC_BASE_URL", "http://127.0.0.1:4000")
                .containsEntry("ANTHROPIC_CUSTOM_HEADERS", "X-Team: tools\nx-anyclaude-token: t0k")
                .doesNotContainKey("ANTHROPIC_API_KEY");
    }

    @Test
    void aLocalBackendGetsAPlaceholderKeyOnlyWhenTheUserHasNone() {
        assertThat(ClaudeLauncher.environment(Map.of(), Map.of(), "u", "t", false))
                .containsEntry("ANTHROPIC_API_KEY", "anyclaude-local");
        assertThat(ClaudeLauncher.environment(Map.of("ANTHROPIC_AUTH_TOKEN", "x"), Map.of(), "u", "t", false))
                .doesNotContainKey("ANTHROPIC_API_KEY");
    }
}
