package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.core.cli.Main;
import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code anyclaude cache stats} and {@code anyclaude cache clear}, run as the command line runs them. */
class CacheCommandTest {
    private MockAnthropicServer anthropic;

    @TempDir
    Path dir;

    private Path cacheDir;
    private Path configFile;

    @BeforeEach
    void start() throws IOException {
        anthropic = new MockAnthropicServer().start();
        anthropic.setDefault(MockResponse.json(200, AnthropicFixtures.messageJson("msg_cli", "m", "stored")));
        cacheDir = Files.createDirectory(dir.resolve("cache"));
        configFile = Files.writeString(dir.resolve("anyclaude.json"), CacheFixtures.config(cacheDir, anthropic, null));
    }

    @AfterEach
    void stop() {
        anthropic.close();
    }

    /** Exit code, standard output and standard error of one command. */
    private record Run(int exit, String out, String err) {
    }

    private Run command(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = configFile.toString();
        all[args.length + 2] = "--plugins-dir";
        all[args.length + 3] = TestPlugins.folder().toString();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            int exit = Main.commandLine().execute(all);
            return new Run(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private void storeOneAnswer() {
        try (ProxyFixture proxy = ProxyFixture.start(CacheFixtures.config(cacheDir, anthropic, null))) {
            proxy.post("/v1/messages", CacheFixtures.body("claude-sonnet-4-5", "keep me", false), "x-api-key", "k");
        }
    }

    @Test
    void statsCountsTheStoredAnswersAndClearRemovesThem() {
        storeOneAnswer();

        Run stats = command("cache", "stats");
        Run clear = command("cache", "clear");
        Run after = command("cache", "stats");

        assertThat(stats.exit()).isZero();
        assertThat(stats.out()).contains("folder: " + cacheDir, "answers: 1");
        assertThat(clear.exit()).isZero();
        assertThat(clear.out()).contains("cleared: 1 answers");
        assertThat(after.out()).contains("answers: 0");
        try (ProxyFixture proxy = ProxyFixture.start(CacheFixtures.config(cacheDir, anthropic, null))) {
            var again = proxy.post("/v1/messages", CacheFixtures.body("claude-sonnet-4-5", "keep me", false),
                    "x-api-key", "k");
            assertThat(again.headers().firstValue("x-anyclaude-cache")).hasValue("miss");
        }
    }

    @Test
    void aFolderInUseByARunningProxyIsReportedNotTouched() {
        try (ProxyFixture proxy = ProxyFixture.start(CacheFixtures.config(cacheDir, anthropic, null))) {
            proxy.post("/v1/messages", CacheFixtures.body("claude-sonnet-4-5", "in use", false), "x-api-key", "k");

            Run stats = command("cache", "stats");
            Run clear = command("cache", "clear");

            assertThat(stats.exit()).isZero();
            assertThat(stats.out()).contains("in use:", "/metrics");
            assertThat(clear.exit()).isEqualTo(1);
            assertThat(clear.err()).contains("stop the anyclaude that uses it first");
            var still = proxy.post("/v1/messages", CacheFixtures.body("claude-sonnet-4-5", "in use", false),
                    "x-api-key", "k");
            assertThat(still.headers().firstValue("x-anyclaude-cache")).hasValue("hit");
        }
    }
}
