package dev.anyclaude.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockAnthropicServer;
import dev.anyclaude.testkit.MockResponse;
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
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release archive, {@code anyclaude-VERSION.tar.gz}, unpacked where a user would and run from elsewhere. */
class ArchiveIT {
    private static final Path ARCHIVE = Path.of(System.getProperty("anyclaude.archive"));

    private static Path unpack(Path into) throws Exception {
        Process tar = new ProcessBuilder("tar", "xzf", ARCHIVE.toString(), "-C", into.toString())
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(output).isZero();
        try (var top = Files.list(into)) {
            List<Path> entries = top.toList();
            assertThat(entries).hasSize(1);
            return entries.getFirst();
        }
    }

    @Test
    void archiveUnpacksIntoOneVersionedFolderWithLauncherLibrariesPluginsAndExampleConfig(@TempDir Path dir) throws Exception {
        Path installation = unpack(dir);

        assertThat(installation.getFileName().toString()).matches("anyclaude-\\d+\\.\\d+\\.\\d+.*");
        assertThat(ARCHIVE.getFileName().toString()).isEqualTo(installation.getFileName() + ".tar.gz");
        assertThat(installation.resolve("bin/anyclaude")).isExecutable();
        assertThat(installation.resolve("conf/anyclauderc.example.json")).isRegularFile();
        try (var plugins = Files.list(installation.resolve("plugins"))) {
            assertThat(plugins.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("anthropic-")).anyMatch(n -> n.startsWith("openai-"))
                    .anyMatch(n -> n.startsWith("mlx-")).anyMatch(n -> n.startsWith("tool-calls-"));
        }
        try (var libs = Files.list(installation.resolve("lib"))) {
            assertThat(libs.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("proxy-core-"));
        }
    }

    @Test
    void unpackedArchiveServesARequestWhenStartedFromAnotherDirectory(@TempDir Path dir) throws Exception {
        Path installation = unpack(Files.createDirectory(dir.resolve("opt")));
        Path work = Files.createDirectory(dir.resolve("work"));
        try (MockAnthropicServer upstream = new MockAnthropicServer().start()) {
            upstream.enqueue(MockResponse.sse(AnthropicFixtures.textStreamFrames("from upstream")));
            Files.writeString(work.resolve(".anyclauderc.json"), """
                    {"backend":"claude","backends":{"claude":{"type":"anthropic","baseUrl":"%s"}}}"""
                    .formatted(upstream.baseUrl()));
            ProcessBuilder builder = new ProcessBuilder(installation.resolve("bin/anyclaude").toString(), "serve", "--port", "0")
                    .directory(work.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("HOME", work.toString());
            builder.environment().put("ANYCLAUDE_CDS", "on");
            Process process = builder.start();
            try {
                String url = listeningUrl(process);
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/v1/messages"))
                        .header("x-api-key", "sk-test").header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"claude-x\",\"max_tokens\":5,\"stream\":true,\"messages\":[]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).contains("event: message_stop").contains("from upstream");
            } finally {
                process.destroy();
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }
        // The launcher's class data, for a faster start next time, was written on exit: a JDK 25's recording for
        // an AOT cache, or an older JDK's CDS archive.
        assertThat(classData(work)).anyMatch(n -> n.matches("anyclaude-serve-java2[5-9]-\\d+-\\d+\\.\\d+\\.aotconf")
                || n.matches("anyclaude-serve-java2[1-4]-\\d+\\.jsa"));
    }

    @Test
    void onJdk25TheLauncherRecordsThenAssemblesAnAotCacheThatLaterStartsUseAndAChangedJarRetires(@TempDir Path dir)
            throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 25, "AOT caches need JDK 25");
        Path installation = unpack(Files.createDirectory(dir.resolve("opt")));
        Path work = Files.createDirectory(dir.resolve("work"));
        Path classLog = work.resolve("classes.txt");

        serveOnce(installation, work, "");
        assertThat(classData(work)).singleElement().asString().endsWith(".aotconf");
        serveOnce(installation, work, ""); // starts without, assembles the cache in the background
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> classData(work).stream().anyMatch(n -> n.endsWith(".aot")));
        Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> classData(work).size() == 1);
        String cache = classData(work).getFirst();

        serveOnce(installation, work, "-Xlog:class+load:file=" + classLog);
        assertThat(Files.readString(classLog)).contains("dev.anyclaude.core.cli.Main source: shared objects file");

        // An updated JAR (JDK 25.0.3 would run the cached old classes) gets a cache of its own: recorded anew.
        Path jar;
        try (var libs = Files.list(installation.resolve("lib"))) {
            jar = libs.filter(p -> p.getFileName().toString().startsWith("proxy-core-")).findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        serveOnce(installation, work, "-Xlog:class+load:file=" + classLog);
        assertThat(Files.readString(classLog)).contains("dev.anyclaude.core.cli.Main source: file:");
        assertThat(classData(work)).contains(cache).anyMatch(n -> n.endsWith(".aotconf"));
    }

    private static void serveOnce(Path installation, Path work, String javaOpts) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(installation.resolve("bin/anyclaude").toString(), "serve", "--port", "0")
                .directory(work.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("HOME", work.toString());
        builder.environment().put("ANYCLAUDE_CDS", "on");
        builder.environment().put("ANYCLAUDE_JAVA_OPTS", javaOpts);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        try {
            listeningUrl(process);
        } finally {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static List<String> classData(Path work) throws IOException {
        try (var files = Files.list(work.resolve(".anyclaude/cds"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".training")).sorted().toList();
        }
    }

    @Test
    void exampleConfigStartsAsShipped(@TempDir Path dir) throws Exception {
        Path installation = unpack(Files.createDirectory(dir.resolve("opt")));
        Path work = Files.createDirectory(dir.resolve("work"));
        ProcessBuilder builder = new ProcessBuilder(installation.resolve("bin/anyclaude").toString(), "serve", "--port", "0",
                "--config", installation.resolve("conf/anyclauderc.example.json").toString())
                .directory(work.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("HOME", work.toString());
        Process process = builder.start();
        try {
            String url = listeningUrl(process);
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).contains("\"claude\":{\"type\":\"anthropic\"");
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void versionIsTheReleasedOne(@TempDir Path dir) throws Exception {
        Path installation = unpack(dir);
        Process process = new ProcessBuilder(installation.resolve("bin/anyclaude").toString(), "--version")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output.strip()).isEqualTo("anyclaude " + installation.getFileName().toString().substring("anyclaude-".length()));
    }

    @Test
    void withoutAJava21TheLauncherSaysHowToGetOne(@TempDir Path dir) throws Exception {
        Path installation = unpack(Files.createDirectory(dir.resolve("opt")));
        // A PATH with the tools the launcher uses and an old java, nothing else.
        Path bin = Files.createDirectory(dir.resolve("bin"));
        for (String tool : List.of("bash", "env", "readlink", "dirname", "awk", "cut", "sed", "cksum", "mkdir")) {
            executable(bin.resolve(tool), "exec " + which(tool) + " \"$@\"");
        }
        executable(bin.resolve("java"), "echo '    java.specification.version = 17' >&2");

        ProcessBuilder builder = new ProcessBuilder(installation.resolve("bin/anyclaude").toString(), "serve")
                .directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", bin.toString());
        builder.environment().put("HOME", dir.toString());
        builder.environment().put("ANYCLAUDE_JDK_DIRS", "");
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("ANYCLAUDE_JAVA");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(127);
        assertThat(output).contains("needs Java 21 or newer").contains("apt-get install openjdk-21-jre-headless")
                .contains("https://adoptium.net").contains("export JAVA_HOME=");
    }

    private static void executable(Path file, String line) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + line + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Path which(String tool) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(tool + " is not on PATH");
    }

    private static String listeningUrl(Process process) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).get(60, TimeUnit.SECONDS);
        assertThat(line).startsWith("anyclaude listening on http://127.0.0.1:");
        return line.substring("anyclaude listening on ".length());
    }
}
