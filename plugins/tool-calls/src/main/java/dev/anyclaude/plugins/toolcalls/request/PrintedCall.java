package dev.anyclaude.plugins.toolcalls.request;

import java.util.Map;
import java.util.Objects;

/**
 * A {@code tool_use} of the conversation's history, about to be written back as the text the model would have
 * printed.
 *
 * @param number the call's position among all calls of the conversation, from 0 (Kimi and Mistral ids use it)
 * @param id     the client's {@code tool_use} id
 * @param name   the tool's name
 * @param input  the arguments, in the client's key order
 */
record PrintedCall(int number, String id, String name, Map<String, Object> input) {
    PrintedCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        input = input == null ? Map.of() : input;
    }
}
