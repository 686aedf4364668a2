package dev.anyclaude.plugins.openai.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The {@code error} object of an OpenAI-style error: {@code {"message","type","param","code"}} (OpenAI, and
 * OpenRouter's {@code {code, message, metadata}} where code is the HTTP status). mlx_lm.server sends a bare
 * string, which reads as the message. Every field may be null.
 *
 * @param message  what went wrong
 * @param type     for example {@code invalid_request_error}, {@code server_error}
 * @param code     a string ({@code context_length_exceeded}) or a number (OpenRouter: the HTTP status)
 * @param param    the offending request field
 * @param metadata OpenRouter's details ({@code provider_name}, {@code raw}); may carry upstream text
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UpstreamError(@JsonProperty("message") String message,
                            @JsonProperty("type") String type,
                            @JsonProperty("code") Object code,
                            @JsonProperty("param") String param,
                            @JsonProperty("metadata") Map<String, Object> metadata) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public UpstreamError {
    }

    /** An error that is only a message (mlx_lm.server's {@code {"error":"..."}}). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static UpstreamError of(String message) {
        return new UpstreamError(message, null, null, null, null);
    }

    /** {@code code} as an HTTP status when it is one (OpenRouter), else null. */
    public Integer status() {
        Integer number = switch (code) {
            case Number n -> n.intValue();
            case String s when s.matches("\\d{3}") -> Integer.parseInt(s);
            case null, default -> null;
        };
        return number != null && number >= 400 && number <= 599 ? number : null;
    }
}
