package dev.anyclaude.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.core.app.AnyclaudeProxy;
import dev.anyclaude.core.app.ProxyHome;
import dev.anyclaude.core.config.ConfigLoader;
import dev.anyclaude.core.config.ProxyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A real proxy on 127.0.0.1, port 0, loading plugins only from a folder (by default the JARs this build made),
 * with its state folder in a temporary directory.
 */
final class ProxyFixture implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AnyclaudeProxy proxy;
    private final Path state;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ProxyFixture(AnyclaudeProxy proxy, Path state) {
        this.proxy = proxy;
        this.state = state;
    }

    /** A proxy with this config (JSON text) and the build's plugin JARs. */
    static ProxyFixture start(String configJson) {
        return start(configJson, TestPlugins.folder());
    }

    /** A proxy with this config and the build's plugin JARs that requires {@code token} on API requests. */
    static ProxyFixture startWithToken(String configJson, String token) {
        return start(configJson, TestPlugins.folder(), token);
    }

    /** A proxy with this config and only the plugins found in {@code pluginFolder}. */
    static ProxyFixture start(String configJson, Path pluginFolder) {
        return start(configJson, pluginFolder, null);
    }

    private static ProxyFixture start(String configJson, Path pluginFolder, String token) {
        try {
            Path state = Files.createTempDirectory("anyclaude-state");
            ProxyConfig config = new ConfigLoader(MAPPER).parse(MAPPER.readTree(configJson), Path.of("test-config.json"))
                    .withListener("127.0.0.1", 0)
                    .withPluginDir(pluginFolder);
            if (token != null) {
                config = config.withToken(token);
            }
            return new ProxyFixture(AnyclaudeProxy.start(config, new ProxyHome(state, Optional.empty())), state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A proxy whose default backend is the Anthropic passthrough to {@code baseUrl}. */
    static ProxyFixture anthropic(String baseUrl) {
        return start("{\"backend\":\"claude\",\"backends\":{\"claude\":{\"type\":\"anthropic\",\"baseUrl\":\"" + baseUrl
                + "\",\"apiKeyEnv\":\"ANYCLAUDE_TEST_NO_SUCH_VARIABLE\"}}}");
    }

    /** A proxy whose default backend {@code local} is an {@code openai} backend at {@code baseUrl} (with /v1). */
    static ProxyFixture openai(String baseUrl) {
        return start("{\"backend\":\"local\",\"backends\":{\"local\":{\"type\":\"openai\",\"baseUrl\":\"" + baseUrl
                + "\",\"apiKey\":\"sk-local-secret-1\"}}}");
    }

    String url() {
        return proxy.url();
    }

    /**
     * A new connection to this proxy with {@code POST path} of the JSON {@code body} written on it by hand, for tests
     * that read the raw answer or hang up midway.
     */
    java.net.Socket openPost(String path, String body) throws IOException {
        URI uri = URI.create(url());
        java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort());
        writePost(socket, path, body);
        return socket;
    }

    /** Writes {@code POST path} of the JSON {@code body} (with {@code x-api-key: k}) on a connected socket. */
    static void writePost(java.net.Socket socket, String path, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    /** The running proxy's metrics registry, where plugins register their meters. */
    dev.anyclaude.core.plugins.ProxyMetrics metrics() {
        return proxy.metrics();
    }

    /** The proxy's state folder (what {@code ~/.anyclaude} is for users): {@code logs/}, {@code data/}. */
    Path state() {
        return state;
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("content-type", "application/json");
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        proxy.close();
    }
}
