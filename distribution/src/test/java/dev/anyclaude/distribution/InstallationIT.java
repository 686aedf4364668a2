package dev.anyclaude.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unpacked installation runs from any directory, as a real child process. */
class InstallationIT {
    private static final Path INSTALLATION = Path.of(System.getProperty("anyclaude.installation"));

    @Test
    void installationHasLauncherLibrariesAndBundledPlugins() throws IOException {
        assertThat(INSTALLATION.resolve("bin/anyclaude")).isExecutable();
        try (var libs = Files.list(INSTALLATION.resolve("lib"))) {
            assertThat(libs.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("proxy-core-"))
                    .anyMatch(name -> name.startsWith("plugin-api-"))
                    .noneMatch(name -> name.startsWith("anthropic-"));
        }
        try (var plugins = Files.list(INSTALLATION.resolve("plugins"))) {
            assertThat(plugins.map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith("anthropic-"));
        }
    }

    @Test
    void serveStartsFromAnyDirectoryPrintsItsUrlAndAnswersHealth(@TempDir Path elsewhere) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(INSTALLATION.resolve("bin/anyclaude").toString(), "serve", "--port", "0")
                .directory(elsewhere.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("HOME", elsewhere.toString());
        Process process = builder.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            assertThat(line).startsWith("anyclaude listening on http://127.0.0.1:");
            String url = line.substring("anyclaude listening on ".length());

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"ok\"").contains("\"anthropic\":{\"type\":\"anthropic\"");
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void serveReloadsItsConfigFileWhenItChanges(@TempDir Path elsewhere) throws Exception {
        Path config = Files.writeString(elsewhere.resolve(".anyclauderc.json"),
                "{\"backend\":\"one\",\"backends\":{\"one\":{\"type\":\"anthropic\"}}}");
        ProcessBuilder builder = new ProcessBuilder(INSTALLATION.resolve("bin/anyclaude").toString(), "serve", "--port", "0")
                .directory(elsewhere.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("HOME", elsewhere.toString());
        Process process = builder.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            URI health = URI.create(line.substring("anyclaude listening on ".length()) + "/health");
            HttpClient client = HttpClient.newHttpClient();
            assertThat(client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .contains("\"one\"").doesNotContain("\"two\"");

            Files.writeString(config, "{\"backend\":\"two\",\"backends\":{\"one\":{\"type\":\"anthropic\"},"
                    + "\"two\":{\"type\":\"openai\",\"baseUrl\":\"http://127.0.0.1:9/v1\"}}}");

            org.awaitility.Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> client.send(
                    HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()).body().contains("\"two\""));
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void helpListsTheServeCommand(@TempDir Path elsewhere) throws Exception {
        Process process = new ProcessBuilder(List.of(INSTALLATION.resolve("bin/anyclaude").toString(), "--help"))
                .directory(elsewhere.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(output).contains("serve");
    }
}
