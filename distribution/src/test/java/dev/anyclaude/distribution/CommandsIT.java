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

    @Test
    void statusAsksTheProxyAtTheConfiguredPortAndSummarisesIt(@TempDir Path dir) throws Exception {
        try (MockAnthropicServer anthropic = new MockAnthropicServer().start()) {
            anthropic.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames()));
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Files.writeString(dir.resolve(".anyclauderc.json"), """
                    {"backend":"claude","server":{"port":%d},
                     "backends":{"claude":{"type":"anthropic","baseUrl":"%s","price":{"inputPerMTok":3,"outputPerMTok":15}}}}"""
                    .formatted(port, anthropic.baseUrl()));
            ProcessBuilder serve = new ProcessBuilder(INSTALLATION.resolve("bin/anyclaude").toString(), "serve")
                    .directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
            serve.environment().put("HOME", dir.toString());
            Process proxy = serve.start();
            try {
                java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(proxy.getInputStream(),
                        StandardCharsets.UTF_8));
                assertThat(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return out.readLine();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).get(60, TimeUnit.SECONDS)).isEqualTo("anyclaude listening on http://127.0.0.1:" + port);
                java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                                .header("x-api-key", "sk-test").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                        "{\"model\":\"claude-x\",\"max_tokens\":5,\"stream\":true,\"messages\":[]}")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(200);

                Run run = anyclaude(dir, "status");

                assertThat(run.exitCode()).as(run.stderr()).isZero();
                assertThat(run.stdout()).startsWith("anyclaude at http://127.0.0.1:" + port + ", up ")
                        .contains("requests 1 (errors 0, upstream errors 0), tokens 12 in / 5 out, estimated cost $0.0001")
                        .containsPattern("claude \\(default\\)\\s+anthropic\\s+up\\s+1\\s+0\\s+12/5\\s+\\$0\\.0001")
                        .contains("routing: default -> claude")
                        .containsPattern("req_\\w+ claude\\s+claude-x\\s+200\\s+12/5");
            } finally {
                proxy.destroy();
                assertThat(proxy.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void statusSaysWhenNoProxyAnswers(@TempDir Path dir) throws Exception {
        Run run = anyclaude(dir, "status", "--url", "http://127.0.0.1:9");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("no proxy answers at http://127.0.0.1:9").contains("anyclaude serve");
    }
}
