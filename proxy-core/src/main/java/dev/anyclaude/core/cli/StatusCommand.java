package dev.anyclaude.core.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anyclaude.core.config.ConfigException;
import dev.anyclaude.core.config.ConfigLoader;
import dev.anyclaude.core.config.ProxyConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code anyclaude status}: asks a running proxy ({@code GET /dashboard/api/state}) and prints a summary: totals,
 * backends and their health, routing, cache, MLX servers, the last requests. The proxy is the one the config
 * describes ({@code server.host}, {@code server.port}, default 127.0.0.1:8082), or {@code --url}.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Prints a live summary of a running proxy (default: the one at server.host:server.port of the config).")
final class StatusCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file naming the proxy's address (default: ./.anyclauderc.json, else ~/.anyclauderc.json).")
    Path configFile;

    @Option(names = "--url", paramLabel = "URL", description = "The proxy's address, e.g. http://127.0.0.1:8082 (overrides the config).")
    String url;

    @Option(names = "--recent", paramLabel = "N", description = "How many recent requests to list (default: 10).")
    int recent = 10;

    @Option(names = "--json", description = "Print the proxy's state as JSON instead.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        ObjectMapper mapper = new dev.anyclaude.core.json.ProtocolJson().mapper();
        ProxyConfig config;
        try {
            config = new ConfigLoader(mapper).load(Optional.ofNullable(configFile), Path.of("").toAbsolutePath(),
                    Path.of(System.getProperty("user.home")));
        } catch (ConfigException e) {
            System.err.println("anyclaude: " + e.getMessage());
            return 2;
        }
        String base = url != null ? url.replaceAll("/+$", "") : "http://" + hostOf(config) + ":" + config.port();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/dashboard/api/state"))
                .timeout(Duration.ofSeconds(10));
        Optional.ofNullable(System.getenv("ANYCLAUDE_TOKEN")).or(config::token)
                .ifPresent(token -> request.header("x-anyclaude-token", token));
        HttpResponse<String> response;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            System.err.println("anyclaude: no proxy answers at " + base + " (" + e.getClass().getSimpleName()
                    + "); start one with `anyclaude serve`, or pass --url");
            return 1;
        }
        if (response.statusCode() != 200) {
            System.err.println("anyclaude: " + base + " answered " + response.statusCode()
                    + (response.statusCode() == 401 ? ": it has a token; set ANYCLAUDE_TOKEN or server.token" : ""));
            return 1;
        }
        if (json) {
            System.out.println(response.body());
            return 0;
        }
        try {
            System.out.print(new StatusReport(mapper.readTree(response.body()), base, recent).text());
        } catch (IOException e) {
            System.err.println("anyclaude: " + base + " did not answer with a proxy's state: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private static String hostOf(ProxyConfig config) {
        String host = config.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
