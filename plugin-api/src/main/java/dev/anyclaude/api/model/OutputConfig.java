package dev.anyclaude.api.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code output_config}: the effort level ({@code low | medium | high | xhigh | max}) and an optional structured
 * output {@code format} ({@code {"type":"json_schema","schema":{...}}}). Anthropic-only: OpenAI-style servers
 * never see it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutputConfig(@JsonProperty("effort") String effort,
                           @JsonProperty("format") Map<String, Object> format,
                           @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    public OutputConfig {
        format = format == null ? null : Extras.copyAll(format);
        extra = Extras.copyAll(extra);
    }
}
