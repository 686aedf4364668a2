package dev.anyclaude.api.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a request's {@code messages}: {@code {"role", "content"}}.
 *
 * <p>Roles are {@code user}, {@code assistant} and {@code system}: Claude Code 2.x sends a {@code system}
 * message inside {@code messages}, after the first user turn, and translators must keep it.
 *
 * @param role    {@code "user"}, {@code "assistant"} or {@code "system"} (see {@link Role})
 * @param content a string or blocks on the wire
 * @param extra   fields this record does not model, kept unchanged
 */
@JsonPropertyOrder({"role", "content"})
public record InputMessage(@JsonProperty("role") String role,
                           @JsonProperty("content") Content content,
                           @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /** The role names the Messages API uses. */
    public static final class Role {
        public static final String USER = "user";
        public static final String ASSISTANT = "assistant";
        public static final String SYSTEM = "system";

        private Role() {
        }
    }

    public InputMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        extra = Extras.copyAll(extra);
    }

    /** A message with these blocks and nothing else. */
    public InputMessage(String role, Content content) {
        this(role, content, Map.of());
    }
}
