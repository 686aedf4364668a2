package dev.anyclaude.plugins.mlx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Asks a server on 127.0.0.1 what it is: whether the port accepts connections, whether it answers
 * {@code GET /v1/models} like mlx_lm.server, and whether it can generate. Thread-safe.
 *
 * <p>Readiness is a one-token generation: mlx_lm.server binds its port and answers {@code /health} and
 * {@code /v1/models} while the model is still downloading or loading (PROTOCOLS.md 6.1), and queues generations
 * until the load completes, so a generation that returns is the only proof the model is in memory.
 */
public final class ServerProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final int port;
    private final String model;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param baseUrl the OpenAI base URL ({@code .../v1})
     * @param port    the port on 127.0.0.1
     * @param model   the configured model, sent by the readiness generation
     */
    public ServerProbe(String baseUrl, int port, String model) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.port = port;
        this.model = model;
    }

    /** True when something accepts TCP connections on 127.0.0.1:port. */
    public boolean portOpen() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** What answers {@code GET /v1/models}. */
    public sealed interface Identity {
        /** An OpenAI-style model list; {@code hasModel} when the configured model is in it. */
        record Mlx(boolean hasModel) implements Identity {
        }

        /** Something else answers: a human-readable description of what it said. */
        record Other(String said) implements Identity {
        }
    }

    /** Identifies the server behind the port. */
    public Identity identify() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/models"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Identity.Other("GET /v1/models answered HTTP " + response.statusCode());
            }
            JsonNode data = JSON.readTree(response.body()).path("data");
            if (!data.isArray()) {
                return new Identity.Other("GET /v1/models answered without a model list");
            }
            boolean has = false;
            for (JsonNode entry : data) {
                has |= model.equals(entry.path("id").asText());
            }
            return new Identity.Mlx(has);
        } catch (IOException e) {
            return new Identity.Other("GET /v1/models failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Identity.Other("interrupted");
        }
    }

    /** The answer to the readiness generation. */
    public sealed interface Generation {
        /** The server generated: the model is loaded. */
        record Ready() implements Generation {
        }

        /** The server refused with a 4xx (mlx_lm.server answers a failed model load with 404): {@code error} is its message. */
        record Refused(int status, String error) implements Generation {
        }

        /** No answer yet worth reporting (connection refused or reset, 5xx): try again. */
        record NotYet(String why) implements Generation {
        }
    }

    /**
     * Sends a one-token generation and waits for its answer, at most {@code wait}.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public Generation generate(Duration wait) throws InterruptedException {
        try {
            byte[] body = JSON.writeValueAsBytes(Map.of("model", model, "max_tokens", 1,
                    "messages", java.util.List.of(Map.of("role", "user", "content", "hi"))));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                    .timeout(wait).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 200) {
                return new Generation.Ready();
            }
            String text = response.body();
            JsonNode error = JSON.readTree(text.isBlank() ? "{}" : text).path("error");
            String message = error.isTextual() ? error.asText() : error.path("message").asText(text);
            return status < 500 ? new Generation.Refused(status, message)
                    : new Generation.NotYet("HTTP " + status + ": " + message);
        } catch (IOException e) {
            return new Generation.NotYet(String.valueOf(e.getMessage()));
        }
    }
}
