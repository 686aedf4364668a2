package dev.anyclaude.plugins.ollama;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.TokenEstimate;
import dev.anyclaude.api.http.UpstreamClient;
import dev.anyclaude.api.http.UpstreamRequest;
import dev.anyclaude.api.http.UpstreamResponse;
import dev.anyclaude.api.model.ModelInfo;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The models an Ollama server has pulled ({@code GET /api/tags}: {@code {"models":[{"name","modified_at"},...]}}),
 * as Anthropic model entries: id and display name are Ollama's name ({@code qwen3-coder:30b}), the creation time
 * its {@code modified_at}.
 */
final class OllamaModels {
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final String name;
    private final String baseUrl;
    private final UpstreamClient http;
    private final JsonCodec json;

    OllamaModels(String name, String baseUrl, UpstreamClient http, JsonCodec json) {
        this.name = name;
        this.baseUrl = baseUrl;
        this.http = http;
        this.json = json;
    }

    /** Tags as Ollama answers them; unknown fields ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Tags(@JsonProperty("models") List<Tag> models) {
    }

    /** One pulled model. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Tag(@JsonProperty("name") String name, @JsonProperty("modified_at") String modifiedAt) {
    }

    Reply list() {
        byte[] body;
        try (UpstreamResponse response = http.send(UpstreamRequest.get(URI.create(baseUrl + "/api/tags"))
                .withTimeout(Duration.ofSeconds(30)))) {
            body = response.body().readNBytes(MAX_BODY);
            if (response.status() >= 400) {
                throw new AnthropicException(ErrorType.API, 502, "backend '" + name + "': GET /api/tags answered "
                        + response.status(), null);
            }
        } catch (IOException e) {
            throw new AnthropicException(ErrorType.API, 502, "backend '" + name + "' at " + baseUrl
                    + " is unreachable: " + e.getMessage(), e);
        }
        Tags tags;
        try {
            tags = json.read(body, Tags.class);
        } catch (AnthropicException e) {
            throw AnthropicException.apiError("backend '" + name + "': /api/tags is not Ollama's model list", e);
        }
        List<ModelInfo> models = new ArrayList<>();
        for (Tag tag : tags.models() == null ? List.<Tag>of() : tags.models()) {
            if (tag.name() != null && !tag.name().isBlank()) {
                models.add(new ModelInfo(tag.name(), tag.name(), createdAt(tag.modifiedAt())));
            }
        }
        return Reply.json(TokenEstimate.modelList(models));
    }

    private static String createdAt(String modifiedAt) {
        if (modifiedAt == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(modifiedAt).toInstant().toString();
        } catch (DateTimeParseException e) {
            return null; // an unreadable time is left out; the entry is still useful
        }
    }
}
