package dev.anyclaude.plugins.mlx;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The config block of an {@code mlx} backend: one model served by the official {@code mlx_lm.server}, which the
 * proxy starts (or reuses) on {@code 127.0.0.1:port}.
 *
 * <pre>{@code
 * "mac": {"type": "mlx", "model": "mlx-community/Qwen3-Coder-30B-A3B-Instruct-4bit",
 *         "args": ["--trust-remote-code"], "temperature": 0.7, "repetition_penalty": 1.05}
 * }</pre>
 *
 * @param port            the server's port on 127.0.0.1; default 8081
 * @param baseUrl         the OpenAI base URL; default {@code http://127.0.0.1:<port>/v1}
 * @param apiKey          sent as a bearer token (mlx_lm.server checks none); default {@code "mlx"}
 * @param model           required: the Hugging Face repo id or local path passed as {@code --model} and sent as
 *                        every request's {@code model} (any other value makes the server load another model)
 * @param description     free text for humans; may be null
 * @param command         the executable and any leading words, a string or a list; default {@code mlx_lm.server}
 * @param args            extra arguments placed after {@code command}, for example {@code --trust-remote-code},
 *                        {@code --chat-template ...}, {@code --adapter-path ...}; may be null
 * @param autoLaunch      true (default): start the server when none answers on the port; false: only talk to it
 * @param startupTimeout  seconds to wait for the server to answer a first generation; default 600 (the first
 *                        start downloads the model)
 * @param timeoutSeconds  seconds to wait for an answer's headers; default 600
 * @param temperature     default sampling temperature when the request has none; may be null
 * @param topP            default {@code top_p} when the request has none; may be null
 * @param topK            default {@code top_k} when the request has none; may be null
 * @param minP            {@code min_p} sent with every request; may be null
 * @param repetitionPenalty      {@code repetition_penalty} sent with every request; may be null
 * @param repetitionContextSize  {@code repetition_context_size} sent with every request; may be null
 * @param seed            {@code seed} sent with every request (a seeded request is not batched); may be null
 */
public record MlxConfig(@JsonProperty("port") Integer port,
                        @JsonProperty("baseUrl") String baseUrl,
                        @JsonProperty("apiKey") String apiKey,
                        @JsonProperty("model") String model,
                        @JsonProperty("description") String description,
                        @JsonProperty("command") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                        List<String> command,
                        @JsonProperty("args") List<String> args,
                        @JsonProperty("autoLaunch") Boolean autoLaunch,
                        @JsonProperty("startupTimeout") Integer startupTimeout,
                        @JsonProperty("timeoutSeconds") Integer timeoutSeconds,
                        @JsonProperty("temperature") Double temperature,
                        @JsonProperty("top_p") Double topP,
                        @JsonProperty("top_k") Integer topK,
                        @JsonProperty("min_p") Double minP,
                        @JsonProperty("repetition_penalty") Double repetitionPenalty,
                        @JsonProperty("repetition_context_size") Integer repetitionContextSize,
                        @JsonProperty("seed") Long seed) {

    /** The default port (mlx_lm.server's own default, 8080, is often taken by something else). */
    public static final int DEFAULT_PORT = 8081;

    public MlxConfig {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model: field required (a Hugging Face repo id such as "
                    + "\"mlx-community/Qwen3-Coder-30B-A3B-Instruct-4bit\", or a local path)");
        }
        port = port == null ? DEFAULT_PORT : port;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: must be 1..65535");
        }
        baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://127.0.0.1:" + port + "/v1" : baseUrl.trim();
        URI.create(baseUrl);
        apiKey = apiKey == null ? "mlx" : apiKey;
        command = command == null || command.isEmpty() ? List.of("mlx_lm.server") : List.copyOf(command);
        args = args == null ? List.of() : List.copyOf(args);
        autoLaunch = autoLaunch == null || autoLaunch;
        startupTimeout = startupTimeout == null ? 600 : startupTimeout;
        if (startupTimeout <= 0) {
            throw new IllegalArgumentException("startupTimeout: must be a positive number of seconds");
        }
        if (timeoutSeconds != null && timeoutSeconds <= 0) {
            throw new IllegalArgumentException("timeoutSeconds: must be positive");
        }
    }

    /** The wait for the first generation after a launch. */
    public Duration startupWait() {
        return Duration.ofSeconds(startupTimeout);
    }

    /** The full command line: command, args, then {@code --model M --host 127.0.0.1 --port P}. */
    public List<String> commandLine() {
        List<String> line = new java.util.ArrayList<>(command);
        line.addAll(args);
        line.addAll(List.of("--model", model, "--host", "127.0.0.1", "--port", Integer.toString(port)));
        return List.copyOf(line);
    }
}
