package dev.anyclaude.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code mlx} plugin JAR (with its {@code openai} dependency) launching, reusing and supervising a stand-in
 * mlx_lm.server (plugins/mlx/src/test/resources/standin, a Python script that behaves like the real one), driven
 * by the official Anthropic Java SDK through the proxy.
 */
class MlxBackendTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "mlx-community/Qwen3-Coder-30B-A3B-Instruct-4bit";
    private static final MessageCreateParams READ = MessageCreateParams.builder()
            .model("claude-opus-4-1").maxTokens(256).putAdditionalBodyProperty("top_k", JsonValue.from(5)).addUserMessage("Please read README.md")
            .addTool(Tool.builder().name("Read").description("Reads a file")
                    .inputSchema(Tool.InputSchema.builder()
                            .properties(JsonValue.from(Map.of("file_path", Map.of("type", "string"))))
                            .required(List.of("file_path")).build())
                    .build())
            .build();
    private static final MessageCreateParams HI = MessageCreateParams.builder()
            .model("claude-opus-4-1").maxTokens(64).addUserMessage("Say hi").build();

    private Path dir;
    private Path executable;
    private int port;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void standIn() throws IOException {
        dir = Files.createTempDirectory("mlx-it");
        executable = dir.resolve("mlx_lm.server");
        Files.copy(Path.of(System.getProperty("anyclaude.test.classes"),
                "plugins/mlx/src/test/resources/standin/mlx_lm.server"), executable);
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
        pids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private String config(String extra, String... standInArgs) {
        List<String> args = new ArrayList<>(List.of("--standin-state", dir.toString()));
        args.addAll(List.of(standInArgs));
        try {
            return "{\"backend\":\"mac\",\"backends\":{\"mac\":{\"type\":\"mlx\",\"port\":" + port + ",\"model\":\""
                    + MODEL + "\",\"command\":" + JSON.writeValueAsString(executable.toString()) + ",\"args\":"
                    + JSON.writeValueAsString(args) + extra + "}}}";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProxyFixture proxy(String config) {
        ProxyFixture proxy = ProxyFixture.start(config);
        toClose.add(proxy);
        return proxy;
    }

    private AnthropicClient sdk(ProxyFixture proxy) {
        AnthropicClient sdk = AnthropicOkHttpClient.builder().baseUrl(proxy.url()).apiKey("client-key").maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
        toClose.add(sdk::close);
        return sdk;
    }

    private static Message stream(AnthropicClient sdk, MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> events = sdk.messages().createStreaming(params)) {
            events.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    private List<Long> pids() throws IOException {
        Path file = dir.resolve("pids");
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(s -> !s.isBlank()).map(Long::parseLong)
                .toList() : List.of();
    }

    private List<JsonNode> requests() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("requests.jsonl"))) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private static String health(ProxyFixture proxy) {
        try {
            return JSON.readTree(proxy.get("/health").body()).path("backends").path("mac").path("status").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void launchesTheServerThenStreamsToolCallsAndTextThroughIt() throws IOException {
        ProxyFixture proxy = proxy(config("", "--standin-load-seconds", "0.3"));
        AnthropicClient sdk = sdk(proxy);
        assertThat(health(proxy)).isEqualTo("up");

        Message tool = stream(sdk, READ);
        assertThat(tool.content().getFirst().toolUse().orElseThrow().name()).isEqualTo("Read");
        assertThat(tool.content().getFirst().toolUse().orElseThrow()._input().toString()).contains("README.md");
        assertThat(tool.stopReason()).contains(StopReason.TOOL_USE);
        Message text = sdk.messages().create(HI);
        assertThat(text.content().getFirst().text().orElseThrow().text()).isEqualTo("Hello from mlx");

        String log = Files.readString(proxy.state().resolve("logs/mlx-lm-server.log"));
        assertThat(log).contains("anyclaude starts: " + executable, "--model " + MODEL, "--port " + port,
                "Starting httpd at 127.0.0.1 on port " + port);
        assertThat(requests().getLast().path("model").asText()).isEqualTo(MODEL);
    }

    @Test
    void samplingFieldsReachTheServerTopLevelAndTheClientsOwnValuesWin() throws IOException {
        ProxyFixture proxy = proxy(config(",\"temperature\":0.7,\"top_p\":0.8,\"top_k\":40,\"min_p\":0.05,"
                + "\"repetition_penalty\":1.1,\"repetition_context_size\":64,\"seed\":42"));
        stream(sdk(proxy), READ);

        JsonNode body = requests().getLast();
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.8);
        assertThat(body.path("top_k").asInt()).isEqualTo(5);
        assertThat(body.path("min_p").asDouble()).isEqualTo(0.05);
        assertThat(body.path("repetition_penalty").asDouble()).isEqualTo(1.1);
        assertThat(body.path("repetition_context_size").asInt()).isEqualTo(64);
        assertThat(body.path("seed").asLong()).isEqualTo(42);
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(body.has("extraBody") || body.has("extra_body") || body.has("sampling")).isFalse();
    }

    @Test
    void imagesReachTheTextOnlyServerAsAPlaceholder() throws IOException {
        ProxyFixture proxy = proxy(config(""));
        String png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
        var response = proxy.post("/v1/messages", "{\"model\":\"claude-opus-4-1\",\"max_tokens\":32,\"messages\":[{"
                + "\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\","
                + "\"media_type\":\"image/png\",\"data\":\"" + png + "\"}},{\"type\":\"text\",\"text\":\"what is it?\"}]}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Hello from mlx");
        JsonNode content = requests().getLast().path("messages").get(0).path("content");
        assertThat(content.toString()).doesNotContain("image_url").doesNotContain(png);
    }

    @Test
    void aServerAlreadyRunningIsReusedAndNotStoppedOnClose() throws Exception {
        Process ours = new ProcessBuilder(executable.toString(), "--model", MODEL, "--port", Integer.toString(port),
                "--standin-state", dir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("manual.log").toFile()).start();
        toClose.add(() -> ours.destroyForcibly().waitFor());
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(dir.resolve("manual.log"))
                .contains("Starting httpd"));

        ProxyFixture proxy = ProxyFixture.start(config(""));
        assertThat(sdk(proxy).messages().create(HI).content().getFirst().text().orElseThrow().text())
                .isEqualTo("Hello from mlx");
        assertThat(pids()).containsExactly(ours.pid());
        assertThat(proxy.state().resolve("logs/mlx-lm-server.log")).doesNotExist();

        proxy.close();
        assertThat(ours.isAlive()).isTrue();
    }

    @Test
    void aCrashedServerIsRestartedAndRequestsMeanwhileGetOverloadedErrors() {
        // Request 1 is the readiness generation, request 2 the client's; the restarted server loads for 3 s.
        ProxyFixture proxy = proxy(config("", "--standin-crash-after", "2", "--standin-restart-load-seconds", "3"));
        AnthropicClient sdk = sdk(proxy);
        assertThat(sdk.messages().create(HI).content()).isNotEmpty();

        await().atMost(Duration.ofSeconds(10)).until(() -> health(proxy).equals("starting"));
        assertThatThrownBy(() -> sdk.messages().create(HI)).isInstanceOfSatisfying(AnthropicServiceException.class,
                e -> assertThat(e.statusCode()).isEqualTo(529)).hasMessageContaining("overloaded_error")
                .hasMessageContaining("exited with code 1");

        await().atMost(Duration.ofSeconds(20)).until(() -> health(proxy).equals("up"));
        // Counted before the next request: the stand-in crashes again after its second request.
        assertThat(proxy.get("/metrics").body()).contains("anyclaude_mlx_restarts_total{backend=\"mac\"} 1.0");
        assertThat(stream(sdk, READ).stopReason()).contains(StopReason.TOOL_USE);
    }

    @Test
    void noServerProcessSurvivesTheProxysShutdown() throws IOException {
        ProxyFixture proxy = ProxyFixture.start(config("", "--standin-child"));
        List<Long> tree = pids();
        assertThat(tree).hasSize(2).allMatch(MlxBackendTest::alive);

        proxy.close();

        assertThat(tree).noneMatch(MlxBackendTest::alive);
    }

    @Test
    void sigtermToAServingProxyStopsTheServersWholeTree() throws Exception {
        Path config = dir.resolve("anyclaude.json");
        Files.writeString(config, config("", "--standin-child"));
        Path output = dir.resolve("proxy.out");
        Process anyclaude = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + dir.resolve("home"), "-cp", System.getProperty("java.class.path"),
                "dev.anyclaude.core.cli.Main", "serve", "--port", "0", "--config", config.toString(),
                "--plugins-dir", TestPlugins.folder().toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        toClose.add(() -> anyclaude.destroyForcibly().waitFor());
        await().atMost(Duration.ofSeconds(30)).until(() -> !anyclaude.isAlive()
                || Files.readString(output).contains("anyclaude listening on"));
        assertThat(Files.readString(output)).contains("anyclaude listening on");
        List<Long> tree = pids();
        assertThat(tree).hasSize(2).allMatch(MlxBackendTest::alive);
        assertThat(dir.resolve("home/.anyclaude/logs/mlx-lm-server.log")).exists();

        anyclaude.destroy();

        assertThat(anyclaude.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(tree).noneMatch(MlxBackendTest::alive);
    }

    @Test
    void aPortTakenByAnotherProgramStopsTheProxyWithAFix() throws IOException {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        other.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        other.start();
        toClose.add(() -> other.stop(0));

        assertThatThrownBy(() -> proxy(config(""))).hasMessageContaining("port " + port + " is taken by another program")
                .hasMessageContaining("HTTP 404").hasMessageContaining("\"port\"");
        assertThat(pids()).isEmpty();
    }

    @Test
    void aMissingExecutableStopsTheProxyWithTheInstallCommand() throws IOException {
        Files.delete(executable);
        assertThatThrownBy(() -> proxy(config(""))).hasMessageContaining("pipx install mlx-lm");
    }

    @Test
    void aServerThatDiesWhileStartingStopsTheProxyWithItsLogTail() {
        assertThatThrownBy(() -> proxy(config("", "--standin-exit-at-start", "1")))
                .hasMessageContaining("exited with code 1 while starting")
                .hasMessageContaining("Model type qwen9 not supported");
    }

    @Test
    void aStartThatTakesTooLongTimesOutWithAFix() throws IOException {
        assertThatThrownBy(() -> proxy(config(",\"startupTimeout\":1", "--standin-load-seconds", "60")))
                .hasMessageContaining("within 1 s").hasMessageContaining("startupTimeout");
        assertThat(pids()).noneMatch(MlxBackendTest::alive);
    }

}
