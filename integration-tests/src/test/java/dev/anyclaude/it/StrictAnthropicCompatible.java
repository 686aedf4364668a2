package dev.anyclaude.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anyclaude.testkit.AnthropicFixtures;
import dev.anyclaude.testkit.MockResponse;
import dev.anyclaude.testkit.RecordedRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a strict Anthropic-compatible local server (Ollama's, LM Studio's, llama.cpp's or vLLM's {@code /v1/messages})
 * rejects, as a mock dispatcher: a {@code role: "system"} item inside {@code messages}, any {@code anthropic-beta}
 * flag, {@code output_config}, {@code context_management}, {@code cache_control} markers and deferred tools are
 * answered with 400 in Ollama's error shape ({@code {"error": "..."}}); anything else gets {@code answer}.
 */
final class StrictAnthropicCompatible {
    private StrictAnthropicCompatible() {
    }

    static Function<RecordedRequest, MockResponse> dispatcher(Function<JsonNode, MockResponse> answer) {
        return dispatcher(Set.of(), answer);
    }

    /** As {@link #dispatcher(Function)}, accepting these {@code anthropic-beta} flags. */
    static Function<RecordedRequest, MockResponse> dispatcher(Set<String> allowedBetas,
                                                             Function<JsonNode, MockResponse> answer) {
        return request -> {
            JsonNode body = ClaudeCodeRequests.body(request);
            return rejection(request, body, allowedBetas).<MockResponse>map(reason -> MockResponse.json(400,
                            "{\"error\":\"" + reason + "\"}"))
                    .orElseGet(() -> answer.apply(body));
        };
    }

    /** Streams {@code text} or answers it whole, as the request asks. */
    static Function<RecordedRequest, MockResponse> answering(String text) {
        return dispatcher(body -> ClaudeCodeRequests.streams(body)
                ? MockResponse.sse(AnthropicFixtures.textStreamFrames(text))
                : MockResponse.json(200, AnthropicFixtures.messageJson("msg_local", "m", text)));
    }

    static Optional<String> rejection(RecordedRequest request, JsonNode body) {
        return rejection(request, body, Set.of());
    }

    static Optional<String> rejection(RecordedRequest request, JsonNode body, Set<String> allowedBetas) {
        String betas = request.header("anthropic-beta");
        if (betas != null && !Arrays.stream(betas.split(",")).map(String::trim).allMatch(allowedBetas::contains)) {
            return Optional.of("unsupported anthropic-beta: " + request.header("anthropic-beta"));
        }
        for (String field : List.of("output_config", "context_management", "cache_control")) {
            if (body.has(field)) {
                return Optional.of("unknown field: " + field);
            }
        }
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asText();
            if (!role.equals("user") && !role.equals("assistant")) {
                return Optional.of("invalid message role: " + role);
            }
        }
        if (body.toString().contains("\"cache_control\"")) {
            return Optional.of("unknown field: cache_control");
        }
        if (body.toString().contains("\"defer_loading\"")) {
            return Optional.of("unknown field: defer_loading");
        }
        JsonNode thinking = body.path("thinking");
        if (!thinking.isMissingNode() && !thinking.path("type").asText().equals("enabled")
                && !thinking.path("type").asText().equals("disabled")) {
            return Optional.of("unsupported thinking type: " + thinking.path("type").asText());
        }
        return Optional.empty();
    }
}
