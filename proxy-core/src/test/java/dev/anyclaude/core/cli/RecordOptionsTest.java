package dev.anyclaude.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anyclaude.core.config.ConfigException;
import dev.anyclaude.core.config.ProxyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RecordOptionsTest {
    @TempDir
    Path dir;

    @Test
    void serveRecordTurnsOnTheRecordMiddlewareAsRequired() throws Exception {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--config", config().toString(), "--record", dir.resolve("run-1").toString());

        ProxyConfig config = serve.options.load();

        assertThat(config.blocks().get("record")).isEqualTo(Map.of("mode", "record",
                "dir", dir.resolve("run-1").toString(), "required", true));
    }

    @Test
    void theDefaultCommandTakesReplayAndLeavesClaudeCodesArgumentsAlone() throws Exception {
        Main main = new Main();
        new CommandLine(main).setUnmatchedOptionsArePositionalParams(true).setStopAtPositional(true) // as Main's
                .parseArgs("--config", config().toString(), "--replay", dir.toString(), "-p", "hello");

        ProxyConfig config = main.options.load();

        assertThat(config.blocks().get("record")).containsEntry("mode", "replay").containsEntry("dir", dir.toString());
        assertThat(main.claudeArgs).containsExactly("-p", "hello");
    }

    @Test
    void recordAndReplayTogetherAreRefused() throws Exception {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--config", config().toString(), "--record", "a", "--replay", "b");

        assertThatThrownBy(serve.options::load).isInstanceOf(ConfigException.class)
                .hasMessage("--record and --replay cannot be used together");
    }

    private Path config() throws Exception {
        return Files.writeString(dir.resolve("anyclaude.json"), "{\"backend\":\"claude\"}");
    }
}
