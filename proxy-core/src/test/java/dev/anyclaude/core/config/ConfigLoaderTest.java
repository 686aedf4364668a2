package dev.anyclaude.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anyclaude.core.json.ProtocolJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader(new ProtocolJson().mapper());

    @TempDir
    Path work;
    @TempDir
    Path home;

    private Path write(Path dir, String json) throws IOException {
        return Files.writeString(dir.resolve(ConfigLoader.FILE_NAME), json);
    }

    @Test
    void withoutAFileTheDefaultsForwardToAnthropic() {
        ProxyConfig config = loader.load(Optional.empty(), work, home);
        assertThat(config.source()).isEmpty();
        assertThat(config.defaultBackend()).isEqualTo("anthropic");
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.backends()).containsOnlyKeys("anthropic");
        assertThat(config.maxBodyBytes()).isEqualTo(32L * 1024 * 1024);
    }

    @Test
    void theWorkingDirectoryWinsOverHomeAndAnExplicitFileOverBoth() throws IOException {
        write(home, "{\"backend\":\"from-home\"}");
        assertThat(loader.load(Optional.empty(), work, home).defaultBackend()).isEqualTo("from-home");
        write(work, "{\"backend\":\"from-work\"}");
        assertThat(loader.load(Optional.empty(), work, home).defaultBackend()).isEqualTo("from-work");
        Path explicit = Files.writeString(home.resolve("other.json"), "{\"backend\":\"explicit\"}");
        assertThat(loader.load(Optional.of(explicit), work, home).defaultBackend()).isEqualTo("explicit");
    }

    @Test
    void theSeedsShapeReadsWithTypeDefaultingToTheKey() throws IOException {
        write(work, """
                {"backend":"mlx","backends":{"mlx":{"enabled":true,"port":8081,"baseUrl":"http://localhost:8081/v1",
                 "apiKey":"mlx","model":"mlx-community/Qwen2.5-Coder-7B-Instruct-4bit"},
                 "gpu-box":{"type":"openai","baseUrl":"http://gpu-box.lan:8000/v1","enabled":false}},
                 "cache":{"enabled":true}}""");
        ProxyConfig config = loader.load(Optional.empty(), work, home);
        assertThat(config.backends().get("mlx").type()).isEqualTo("mlx");
        assertThat(config.backends().get("mlx").settings()).containsEntry("port", 8081);
        assertThat(config.backends().get("gpu-box").type()).isEqualTo("openai");
        assertThat(config.backends().get("gpu-box").enabled()).isFalse();
        assertThat(config.blocks()).containsKey("cache");
    }

    @Test
    void syntaxErrorsNameTheFileLineAndColumn() throws IOException {
        Path file = write(work, "{\n  \"backend\": \"x\",\n  oops\n}");
        assertThatThrownBy(() -> loader.load(Optional.empty(), work, home))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageStartingWith(file + ":3: not valid JSON");
    }

    @Test
    void illTypedFieldsAreNamedAndTheirValuesNeverEchoed() throws IOException {
        write(work, "{\"server\":{\"port\":\"sk-ant-secret\"}}");
        assertThatThrownBy(() -> loader.load(Optional.empty(), work, home))
                .hasMessageContaining("server.port: must be an integer")
                .hasMessageNotContaining("sk-ant-secret");
        write(work, "{\"backends\":{\"gpu\":{\"type\":5}}}");
        assertThatThrownBy(() -> loader.load(Optional.empty(), work, home)).hasMessageContaining("backends.gpu.type");
        write(work, "{\"backends\":{\"gpu\":[]}}");
        assertThatThrownBy(() -> loader.load(Optional.empty(), work, home)).hasMessageContaining("backends.gpu: must be an object");
        write(work, "{\"server\":{\"httpClient\":\"curl\"}}");
        assertThatThrownBy(() -> loader.load(Optional.empty(), work, home)).hasMessageContaining("server.httpClient");
    }

    @Test
    void errorsGiveTheFieldsLine() throws IOException {
        Path file = write(work, "{\n  \"backend\": \"a\",\n  \"server\": {\n    \"port\": true\n  }\n}");
        assertThatThrownBy(() -> loader.load(Optional.empty(), work, home))
                .hasMessage(file + ":4: server.port: must be an integer from 0 to 65535");
    }

    @Test
    void errorsFoundAfterLoadingArePlacedInTheFile() throws IOException {
        Path file = write(work, "{\"backends\": {\n  \"gpu\": {\n    \"type\": \"nope\"}}}");
        ConfigException late = new ConfigException("backends.gpu.type: unknown backend type 'nope'; known types: openai");
        assertThat(late.in(Optional.of(file)).getMessage())
                .isEqualTo(file + ":3: backends.gpu.type: unknown backend type 'nope'; known types: openai");
        assertThat(new ConfigException("backends.gpu.model: bad").in(Optional.of(file)).getMessage())
                .isEqualTo(file + ":2: backends.gpu.model: bad");
        assertThat(late.in(Optional.empty())).isSameAs(late);
    }

    @Test
    void environmentReferencesAreResolvedAndAMissingOneIsNamed() throws IOException {
        ConfigLoader withEnv = new ConfigLoader(new ProtocolJson().mapper(), name -> name.equals("GPU_KEY") ? "sk-123" : null);
        write(work, "{\"backends\":{\"gpu\":{\"type\":\"openai\",\"apiKey\":\"${GPU_KEY}\",\"headers\":{\"X\":\"a-${GPU_KEY}-b\"}}}}");
        ProxyConfig config = withEnv.load(Optional.empty(), work, home);
        assertThat(config.backends().get("gpu").settings()).containsEntry("apiKey", "sk-123");
        assertThat(config.backends().get("gpu").settings().get("headers")).isEqualTo(java.util.Map.of("X", "a-sk-123-b"));

        write(work, "{\"backends\":{\"gpu\":{\"apiKey\":\"${NOPE}\"}}}");
        assertThatThrownBy(() -> withEnv.load(Optional.empty(), work, home))
                .hasMessageContaining("backends.gpu.apiKey: environment variable NOPE is not set");
    }

    record WithExtra(java.util.Map<String, Object> extraBody) {
    }

    @Test
    void nullsInABackendBlockReachThePluginSoTheyCanRemoveFields() throws IOException {
        write(work, "{\"backends\":{\"gpu\":{\"type\":\"openai\",\"model\":null,\"extraBody\":{\"top_k\":null,\"seed\":1}}}}");
        ProxyConfig config = loader.load(Optional.empty(), work, home);
        assertThat(config.backends().get("gpu").settings()).containsEntry("model", null);
        WithExtra bound = new ProtocolJson().convert(config.backends().get("gpu").settings(), WithExtra.class);
        assertThat(bound.extraBody()).containsEntry("top_k", null).containsEntry("seed", 1);
    }

    @Test
    void aDisabledDefaultBackendIsRejected() throws IOException {
        write(work, "{\"backend\":\"a\",\"backends\":{\"a\":{\"enabled\":false}}}");
        assertThatThrownBy(() -> loader.load(Optional.empty(), work, home)).hasMessageContaining("backend: names backend 'a', which is disabled");
    }

    @Test
    void aMissingExplicitFileIsAnError() {
        assertThatThrownBy(() -> loader.load(Optional.of(work.resolve("nope.json")), work, home))
                .hasMessageContaining("no such config file");
    }
}
