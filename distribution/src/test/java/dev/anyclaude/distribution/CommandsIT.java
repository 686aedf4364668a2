package dev.anyclaude.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockOpenAiServer;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.OpenAiFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code anyclaude plugins} and {@code anyclaude check}, and bad config files, as the installation runs them. */
class CommandsIT {
    private static final Path INSTALLATION = Path.of(System.getProperty("anyclaude.installation"));

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private static Run anyclaude(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(INSTALLATION.resolve("bin/anyclaude").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("HOME", dir.toString());
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void pluginsListsTheBundledPluginsAndWhatTheyAdd(@TempDir Path dir) throws Exception {
        Run run = anyclaude(dir, "plugins");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).containsPattern("anthropic\\s+\\S+\\s+STARTED\\s+backend anthropic \\[claude]")
                .containsPattern("openai\\s+\\S+\\s+STARTED\\s+backend openai");
    }

    @Test
    void checkProbesEveryBackendAndPrintsTheRoutes(@TempDir Path dir) throws Exception {
        try (MockAnthropicServer anthropic = new MockAnthropicServer().start();
             MockOpenAiServer openai = new MockOpenAiServer().start()) {
            anthropic.setDefault(MockAnthropicServer.MODELS, MockResponse.json(200, AnthropicFixtures.modelsJson("claude-x")));
            openai.setDefault(MockOpenAiServer.MODELS, MockResponse.json(200, OpenAiFixtures.modelsJson("qwen")));
            Files.writeString(dir.resolve(".anyclauderc.json"), """
                    {"backend":"claude","backends":{"claude":{"type":"anthropic","baseUrl":"%s","apiKey":"sk-test"},
                     "gpu":{"type":"openai","baseUrl":"%s/v1"}},
                     "router":{"models":{"*haiku*":"gpu,qwen"}}}""".formatted(anthropic.baseUrl(), openai.baseUrl()));
            Run run = anyclaude(dir, "check");
            assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
            assertThat(run.stdout()).contains("config: " + dir.resolve(".anyclauderc.json"))
                    .containsPattern("claude\\s+type anthropic\\s+up - .* accepts the key")
                    .containsPattern("gpu\\s+type openai\\s+up")
                    .contains("default            -> claude")
                    .contains("models").contains("*haiku*").endsWith("ok\n");
        }
    }

    @Test
    void checkSaysWhatIsWrongWithABackendAndHowToFixIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".anyclauderc.json"), """
                {"backend":"gpu","backends":{"gpu":{"type":"openai","baseUrl":"http://127.0.0.1:9/v1"}}}""");
        Run run = anyclaude(dir, "check");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).containsPattern("gpu\\s+type openai\\s+down - nothing answers at http://127.0.0.1:9/v1")
                .contains("start the server").endsWith("some backends cannot answer: see above\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "syntax error      | {\"backend\": \"claude\",\\n  oops}                          | :2: | not valid JSON",
            "wrong type        | {\"server\": {\"port\": \"high\"}}                          | :1: | server.port: must be an integer",
            "unknown type      | {\"backends\": {\"gpu\": {\"type\": \"tpu\"}}}               | :1: | backends.gpu.type: unknown backend type 'tpu'",
            "unknown default   | {\"backend\": \"tpu\"}                                     | ' ' | backends.tpu.type: unknown backend type 'tpu' (\"tpu\" has no entry in backends",
            "mlx without model | {\"backend\": \"mlx\"}                                     | ' ' | backends.mlx.model: field required",
            "bad backend block | {\"backends\": {\"gpu\": {\"type\": \"openai\"}}}            | :1: | backends.gpu.baseUrl: field required",
            "bad router        | {\"router\": {\"fallback\": [\"nowhere\"]}}                  | :1: | router.fallback[0]: unknown backend 'nowhere'"})
    void badConfigGivesOneClearMessageAndANonZeroExit(String name, String json, String line, String message,
                                                       @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), json.replace("\\n", "\n"), StandardCharsets.UTF_8);
        for (String command : List.of("check", "serve")) {
            Run run = anyclaude(dir, command, "--config", file.toString());
            assertThat(run.exitCode()).as(command + ": " + run.stdout() + run.stderr()).isEqualTo(2);
            assertThat(run.stderr().strip().lines()).as(command).hasSize(1);
            assertThat(run.stderr()).as(command).startsWith("anyclaude: " + file).contains(message);
            if (!line.isBlank()) {
                assertThat(run.stderr()).contains(file + line.strip());
            }
        }
    }
}
